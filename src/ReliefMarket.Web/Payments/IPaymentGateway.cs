namespace ReliefMarket.Web.Payments;

/// <summary>Where the shopper goes to pay, and the provider's id for that payment session.</summary>
public sealed record PaymentSession(string Id, string RedirectUrl);

/// <summary>
/// A payment provider. Outcomes (paid, failed, expired, refunded) come back through <see cref="PaymentEvents"/>,
/// the same path for every provider: Stripe's signed webhooks or the sandbox page's buttons.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Opens a hosted payment for an unpaid order. Safe to call again for the same order.</summary>
    Task<PaymentSession> StartAsync(Order order, string siteBaseUrl, CancellationToken ct);

    /// <summary>Closes an open session so it can no longer be paid (before the shopper's own cancellation).</summary>
    Task CloseAsync(string sessionId, CancellationToken ct);

    /// <summary>Gives money back; <paramref name="idempotencyKey"/> makes a retry return the same refund.</summary>
    Task<string> RefundAsync(string paymentReference, Money amount, string idempotencyKey, CancellationToken ct);
}
