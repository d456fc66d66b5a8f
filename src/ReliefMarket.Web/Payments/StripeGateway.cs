using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace ReliefMarket.Web.Payments;

/// <summary>Stripe hosted Checkout in CNY. Every request that moves money carries a key derived from the order.</summary>
public sealed class StripeGateway(IStripeClient stripe, IOptions<StripeOptions> options, TimeProvider clock) : IPaymentGateway
{
    public async Task<PaymentSession> StartAsync(Order order, string siteBaseUrl, CancellationToken ct)
    {
        var sessions = new SessionService(stripe);
        var now = clock.GetUtcNow().UtcDateTime;
        // "Pay now" again: the page already opened for this order is still payable, so the shopper goes back to it.
        // Opening a second one would let the same order be paid twice.
        if (order.PaymentSessionId is { } previous)
        {
            var session = await sessions.GetAsync(previous, cancellationToken: ct);
            if (session.Status == "open" && session.ExpiresAt > now.AddMinutes(2)) return new PaymentSession(session.Id, session.Url);
            if (session.Status == "complete") return new PaymentSession(session.Id, $"{siteBaseUrl}/orders/{order.Id}?returned=1");
            // About to expire: close it before opening the next, so only one is ever payable.
            if (session.Status == "open") await sessions.ExpireAsync(previous, cancellationToken: ct);
        }

        // Stripe wants expires_at at least 30 minutes after the session is created. The first session closes a minute after
        // the order's own hold and before the expiry job's grace period ends; a later one (after the first was closed) gets
        // 30 minutes, rounded up to ten so that a retried request carries the same parameters as the first try.
        var expiresAt = order.ExpiresAtUtc.AddMinutes(1) >= now.AddMinutes(30).AddSeconds(5)
            ? order.ExpiresAtUtc.AddMinutes(1)
            : RoundUpToTenMinutes(now.AddMinutes(30).AddSeconds(5));
        var create = new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = order.Id.ToString(),
            Metadata = new Dictionary<string, string> { ["order_id"] = order.Id.ToString() },
            AllowedPaymentMethodTypes = options.Value.PaymentMethods.ToList(),
            PaymentMethodOptions = options.Value.PaymentMethods.Contains("wechat_pay")
                ? new SessionPaymentMethodOptionsOptions { WechatPay = new SessionPaymentMethodOptionsWechatPayOptions { Client = "web" } }
                : null,
            LineItems = order.Lines.Select(l => Item($"{l.ProductName.Zh} {l.Unit.Zh}", l.UnitPrice, l.Quantity))
                .Concat(order.ShippingFee.Fen > 0 ? [Item("运费", order.ShippingFee, 1)] : [])
                .ToList(),
            ExpiresAt = expiresAt,
            SuccessUrl = $"{siteBaseUrl}/orders/{order.Id}?returned=1",
            CancelUrl = $"{siteBaseUrl}/orders/{order.Id}",
        };
        // The key derives from the order and the session it replaces: a retried start returns the same session.
        var created = await sessions.CreateAsync(create,
            new RequestOptions { IdempotencyKey = $"checkout:{order.Id:N}:{order.PaymentSessionId ?? "first"}:{expiresAt:yyyyMMddHHmm}" }, ct);
        return new PaymentSession(created.Id, created.Url);
    }

    private static DateTime RoundUpToTenMinutes(DateTime t) =>
        new(t.Ticks + (TimeSpan.TicksPerMinute * 10 - t.Ticks % (TimeSpan.TicksPerMinute * 10)) % (TimeSpan.TicksPerMinute * 10), t.Kind);

    public Task CloseAsync(string sessionId, CancellationToken ct) =>
        new SessionService(stripe).ExpireAsync(sessionId, cancellationToken: ct);

    public async Task<string> RefundAsync(string paymentReference, Money amount, string idempotencyKey, CancellationToken ct)
    {
        var create = new RefundCreateOptions { Amount = amount.Fen };
        if (paymentReference.StartsWith("pi_")) create.PaymentIntent = paymentReference;
        else create.Charge = paymentReference;
        var refund = await new RefundService(stripe).CreateAsync(create, new RequestOptions { IdempotencyKey = idempotencyKey }, ct);
        return refund.Id;
    }

    private static SessionLineItemOptions Item(string name, Money unitAmount, int quantity) => new()
    {
        Quantity = quantity,
        PriceData = new SessionLineItemPriceDataOptions
        {
            Currency = "cny",
            UnitAmount = unitAmount.Fen,
            ProductData = new SessionLineItemPriceDataProductDataOptions { Name = name },
        },
    };

}
