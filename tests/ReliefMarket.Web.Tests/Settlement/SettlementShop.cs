using System.Net;
using Microsoft.Extensions.Options;
using ReliefMarket.Domain.Settlement;
using ReliefMarket.Web.Payments;
using ReliefMarket.Web.Settlement;

namespace ReliefMarket.Web.Tests.Settlement;

/// <summary>Sales, deliveries, refunds and settlement runs for the settlement tests, each on producers chosen by the test.</summary>
internal static class SettlementShop
{
    /// <summary>The seeded producers that have a product in stock, in id order: tests take different ones so their statements stay apart.</summary>
    public static async Task<IReadOnlyList<(int Producer, string Slug)>> ProducersAsync(ShopFactory shop)
    {
        await using var scope = shop.Scope(out var db);
        var products = await db.Products.Where(p => p.IsListed && p.Stock > 100).OrderBy(p => p.ProducerId).ThenBy(p => p.Id)
            .Select(p => new { p.ProducerId, p.Slug }).ToListAsync();
        return products.GroupBy(p => p.ProducerId).Select(g => (g.Key, g.First().Slug)).ToList();
    }

    /// <summary>A fresh consumer buys one unit from each producer and pays in the sandbox; returns the order id.</summary>
    public static async Task<Guid> BuyAsync(ShopFactory shop, params string[] slugs)
    {
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        foreach (var slug in slugs) await buyer.AddToCartAsync(slug);
        var orderId = await buyer.CheckoutAsync();
        var paid = await buyer.SubmitAsync($"/payments/sandbox/{orderId}", "form[action*=handler\\=Pay]", []);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        return orderId;
    }

    /// <summary>Every producer ships and marks its parcel delivered, as members do on /coop/shipments.</summary>
    public static async Task DeliverAsync(ShopFactory shop, Guid orderId)
    {
        await using var scope = shop.Scope(out var db);
        var fulfilment = scope.ServiceProvider.GetRequiredService<Ordering.Fulfilment>();
        var carrier = scope.ServiceProvider.GetRequiredService<IOptions<ShippingOptions>>().Value.CarrierCodes.First();
        foreach (var s in await db.Shipments.AsNoTracking().Where(s => s.OrderId == orderId).ToListAsync())
        {
            Assert.Equal(Ordering.ShipOutcome.Shipped, await fulfilment.ShipAsync(s.ProducerId, s.Id, carrier, $"SF{s.Id:D10}", default));
            Assert.Equal(Ordering.DeliverOutcome.Delivered, await fulfilment.DeliverAsync(s.ProducerId, s.Id, default));
        }
        Assert.NotNull((await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId)).DeliveredAtUtc);
    }

    public static async Task RefundAsync(ShopFactory shop, Guid orderId, Money totalRefunded)
    {
        await using var scope = shop.Scope(out _);
        var events = scope.ServiceProvider.GetRequiredService<PaymentEvents>();
        await events.ApplyOnceAsync($"evt_refund_{orderId:N}_{totalRefunded.Fen}", "charge.refunded",
            t => events.RefundedAsync($"sandbox_pay_{orderId:N}", totalRefunded, t), default);
    }

    public static async Task<int> SettleAsync(ShopFactory shop, int producersPerBatch = 250, Func<int, Task>? afterBatch = null)
    {
        await using var scope = shop.Scope(out var db);
        var job = ActivatorUtilities.CreateInstance<SettlementJob>(scope.ServiceProvider,
            Options.Create(new SettlementOptions { ProducersPerBatch = producersPerBatch }));
        job.AfterBatch = afterBatch;
        return await job.RunAsync(default);
    }

    public static async Task<List<SettlementStatement>> StatementsAsync(ShopFactory shop, int producerId)
    {
        await using var scope = shop.Scope(out var db);
        return await db.SettlementStatements.AsNoTracking().Where(s => s.ProducerId == producerId).OrderBy(s => s.PeriodId).ToListAsync();
    }

    public static async Task<IReadOnlyList<StatementLine>> LinesAsync(ShopFactory shop, long statementId)
    {
        await using var scope = shop.Scope(out var db);
        var statement = await db.SettlementStatements.AsNoTracking().SingleAsync(s => s.Id == statementId);
        return await scope.ServiceProvider.GetRequiredService<StatementQueries>().LinesAsync(statement, default);
    }

    public static async Task GiveBankAccountAsync(ShopFactory shop, int producerId)
    {
        await using var scope = shop.Scope(out var db);
        var producer = await db.Producers.SingleAsync(p => p.Id == producerId);
        producer.SetBankAccount(BankAccount.Create("威宁县测试合作社", "中国农业银行", "威宁支行", $"62284800{producerId:D8}"));
        await db.SaveChangesAsync();
    }

    /// <summary>Whatever the order sold for this producer (attribution = ledger = statement sales).</summary>
    public static async Task<long> SoldAsync(ShopFactory shop, Guid orderId, int producerId)
    {
        await using var scope = shop.Scope(out var db);
        return await db.AttributionEntries.Where(e => e.OrderId == orderId && e.ProducerId == producerId && e.Kind == AttributionKind.Sale).SumAsync(e => e.AmountFen);
    }
}
