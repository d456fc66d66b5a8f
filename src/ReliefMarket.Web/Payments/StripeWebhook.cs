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

        // Stripe's events are a few kilobytes: anything far larger is refused before it is read, let alone verified.
        if (await ReadLimitedAsync(request, ct) is not { } body)
            return Results.Problem(title: "Payload too large", detail: $"A webhook body is at most {MaxBodyBytes / 1024} KB.", statusCode: 413);
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(body, request.Headers["Stripe-Signature"], secret);
            // Pinned to the API version the handlers were written against: another version's objects may differ in shape.
            if (stripeEvent.ApiVersion != StripeConfiguration.ApiVersion)
                throw new StripeException($"Event API version {stripeEvent.ApiVersion} is not {StripeConfiguration.ApiVersion}.");
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

    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>The body as text, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<string?> ReadLimitedAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), ct)) > 0) length += read;
        return length > MaxBodyBytes ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static async Task<PaymentEvents.Result> Session(Event stripeEvent, PaymentEvents events,
        Func<Session, Guid, CancellationToken, Task<bool>> apply, CancellationToken ct)
    {
        if (stripeEvent.Data.Object is not Session session || !Guid.TryParse(session.ClientReferenceId, out var orderId))
            return PaymentEvents.Result.AlreadyApplied; // not one of our checkouts
        return await events.ApplyOnceAsync(stripeEvent.Id, stripeEvent.Type, t => apply(session, orderId, t), ct);
    }
}
