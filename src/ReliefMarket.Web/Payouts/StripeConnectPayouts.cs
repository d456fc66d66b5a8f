using ReliefMarket.Domain.Settlement;
using Stripe;

namespace ReliefMarket.Web.Payouts;

/// <summary>
/// A Stripe Connect transfer to the producer's connected account. The idempotency key is the statement's, so a retried
/// send (a timeout, a crashed job, a second click) gets Stripe's first answer back instead of a second transfer.
/// </summary>
public sealed class StripeConnectPayouts(IStripeClient client) : IPayoutProvider
{
    public PayoutMethod Method => PayoutMethod.StripeConnect;

    public static string IdempotencyKey(long statementId) => $"payout:{statementId}";

    public async Task<PayoutSent> SendAsync(PayoutLine line, string transferGroup, CancellationToken ct)
    {
        try
        {
            var transfer = await new TransferService(client).CreateAsync(new TransferCreateOptions
            {
                Amount = line.AmountFen,
                Currency = "cny",
                Destination = line.AccountNumber,
                TransferGroup = transferGroup,
                Description = line.Reference,
                Metadata = new() { ["statement_id"] = line.StatementId.ToString() },
            }, new RequestOptions { IdempotencyKey = IdempotencyKey(line.StatementId) }, ct);
            return new PayoutSent(transfer.Id);
        }
        catch (StripeException e)
        {
            throw new PayoutFailedException($"Stripe refused the transfer for statement {line.StatementId}: {e.Message}", e);
        }
    }
}
