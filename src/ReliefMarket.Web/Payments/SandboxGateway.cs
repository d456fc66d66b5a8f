namespace ReliefMarket.Web.Payments;

/// <summary>
/// The embedded default when no Stripe key is configured: a local, clearly labelled test page with
/// Pay and Decline buttons that drive exactly the same <see cref="PaymentEvents"/> as Stripe's webhooks.
/// No money moves.
/// </summary>
public sealed class SandboxGateway : IPaymentGateway
{
    public static string SessionIdFor(Guid orderId) => $"sandbox_{orderId:N}";

    public Task<PaymentSession> StartAsync(Order order, string siteBaseUrl, CancellationToken ct) =>
        Task.FromResult(new PaymentSession(SessionIdFor(order.Id), $"/payments/sandbox/{order.Id}"));

    public Task CloseAsync(string sessionId, CancellationToken ct) => Task.CompletedTask;

    public Task<string> RefundAsync(string paymentReference, Money amount, string idempotencyKey, CancellationToken ct) =>
        Task.FromResult($"sandbox_refund_{idempotencyKey}");
}
