using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace ReliefMarket.Web.Payments;

/// <summary>Stripe hosted Checkout in CNY. Every request that moves money carries a key derived from the order.</summary>
public sealed class StripeGateway(IStripeClient stripe, IOptions<StripeOptions> options, TimeProvider clock) : IPaymentGateway
{
    public async Task<PaymentSession> StartAsync(Order order, string siteBaseUrl, CancellationToken ct)
    {
        // Stripe wants expires_at at least 30 minutes after the session is created; the order's own hold
        // outlasts it by the expiry job's grace period, so the session always closes first.
        var expiresAt = Max(order.ExpiresAtUtc, clock.GetUtcNow().UtcDateTime.AddMinutes(30).AddSeconds(5));
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
        // A retried start for the same order and hold returns the same session instead of opening a second one.
        var session = await new SessionService(stripe).CreateAsync(create,
            new RequestOptions { IdempotencyKey = $"checkout:{order.Id:N}:{expiresAt:yyyyMMddHHmm}" }, ct);
        return new PaymentSession(session.Id, session.Url);
    }

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

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
