using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace ReliefMarket.Web.Payments;

/// <summary>
/// POST /webhooks/stripe. The signature is checked on the raw body before anything is read; a bad or stale
/// signature or malformed JSON answers 400 and changes nothing. Unknown event types answer 200.
/// </summary>
public static class StripeWebhook
{
    public static void MapStripeWebhook(this WebApplication app) =>
        app.MapPost("/webhooks/stripe", HandleAsync).DisableAntiforgery().RequireRateLimiting(Security.RateLimits.Webhook);

    private static async Task<IResult> HandleAsync(HttpRequest request, IOptions<StripeOptions> options, PaymentEvents events,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var log = loggers.CreateLogger(typeof(StripeWebhook));
        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrEmpty(secret)) return Results.NotFound();

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(ct);
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(body, request.Headers["Stripe-Signature"], secret);
        }
        catch (Exception e) when (e is StripeException or FormatException or System.Text.Json.JsonException or Newtonsoft.Json.JsonException
                                      or ArgumentException or NullReferenceException or InvalidCastException)
        {
            log.LogWarning("Rejected a Stripe webhook: {Reason}", e.Message);
            return Results.Problem(title: "Invalid webhook", detail: "The signature, timestamp or payload is not valid.", statusCode: 400);
        }

        var result = stripeEvent.Type switch
        {
            EventTypes.CheckoutSessionCompleted => await Session(stripeEvent, events, (s, id, t) =>
                s.PaymentStatus is "paid" or "no_payment_required"
                    ? events.PaidAsync(id, s.PaymentIntentId ?? s.Id, t)
                    : events.AwaitingAsync(id, t), ct),
            EventTypes.CheckoutSessionAsyncPaymentSucceeded => await Session(stripeEvent, events,
                (s, id, t) => events.PaidAsync(id, s.PaymentIntentId ?? s.Id, t), ct),
            EventTypes.CheckoutSessionAsyncPaymentFailed => await Session(stripeEvent, events,
                (_, id, t) => events.NotPaidAsync(id, "payment_failed", t), ct),
            EventTypes.CheckoutSessionExpired => await Session(stripeEvent, events,
                (_, id, t) => events.NotPaidAsync(id, "expired", t), ct),
            EventTypes.ChargeRefunded when stripeEvent.Data.Object is Charge charge => await events.ApplyOnceAsync(stripeEvent.Id, stripeEvent.Type,
                t => events.RefundedAsync(charge.PaymentIntentId ?? charge.Id, new Money(charge.AmountRefunded), t), ct),
            _ => PaymentEvents.Result.AlreadyApplied,
        };
        // NotYet: Stripe delivers again later (e.g. a refund that overtook its payment).
        return result == PaymentEvents.Result.NotYet ? Results.StatusCode(StatusCodes.Status409Conflict) : Results.Ok();
    }

    private static async Task<PaymentEvents.Result> Session(Event stripeEvent, PaymentEvents events,
        Func<Session, Guid, CancellationToken, Task<bool>> apply, CancellationToken ct)
    {
        if (stripeEvent.Data.Object is not Session session || !Guid.TryParse(session.ClientReferenceId, out var orderId))
            return PaymentEvents.Result.AlreadyApplied; // not one of our checkouts
        return await events.ApplyOnceAsync(stripeEvent.Id, stripeEvent.Type, t => apply(session, orderId, t), ct);
    }
}
