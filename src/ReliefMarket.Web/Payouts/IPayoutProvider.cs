using ReliefMarket.Domain.Settlement;

namespace ReliefMarket.Web.Payouts;

/// <summary>The outcome of sending one payout: confirmed now (with the provider's reference) or waiting for a person.</summary>
public sealed record PayoutSent(string? ConfirmedReference);

/// <summary>
/// Moves one statement's money to its producer. Bank transfer (the default) sends nothing itself: the batch's CSV goes to
/// the bank and an administrator confirms. Stripe Connect transfers at once, under the key <c>payout:{statement id}</c>,
/// so a retry never pays twice. Failures come back as <see cref="PayoutFailedException"/>, never as a provider's own type.
/// </summary>
public interface IPayoutProvider
{
    PayoutMethod Method { get; }
    Task<PayoutSent> SendAsync(PayoutLine line, string transferGroup, CancellationToken ct);
}

public sealed class PayoutFailedException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class BankTransferPayouts : IPayoutProvider
{
    public PayoutMethod Method => PayoutMethod.BankTransfer;
    public Task<PayoutSent> SendAsync(PayoutLine line, string transferGroup, CancellationToken ct) => Task.FromResult(new PayoutSent(null));
}
