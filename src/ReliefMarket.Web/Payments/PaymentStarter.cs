namespace ReliefMarket.Web.Payments;

/// <summary>Opens (or reopens) the provider's payment page for an unpaid order and remembers its session.</summary>
public sealed class PaymentStarter(AppDbContext db, IPaymentGateway gateway, Hosting.SiteLinks links, ILogger<PaymentStarter> log)
{
    /// <summary>Where to send the shopper, or null when the provider could not be reached (the order stays payable).</summary>
    public async Task<string?> StartAsync(Order order, CancellationToken ct)
    {
        try
        {
            var session = await gateway.StartAsync(order, links.BaseUrl, ct);
            order.AttachPaymentSession(session.Id);
            await db.SaveChangesAsync(ct);
            return session.RedirectUrl;
        }
        catch (Stripe.StripeException e)
        {
            log.LogError(e, "Could not start a payment for order {Order}.", order.Id);
            return null;
        }
    }
}
