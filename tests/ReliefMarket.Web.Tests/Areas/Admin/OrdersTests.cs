using ReliefMarket.Web.Email;

namespace ReliefMarket.Web.Tests.Areas.Admin;

public abstract class OrdersTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private static string[] Numbers(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("table.admin-orders tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToArray();

    [Fact]
    public async Task Staff_find_an_order_by_its_emailed_number_buyer_email_mobile_and_status()
    {
        var order = await AdminShop.PaidOrderAsync(shop);
        var number = EmailTemplates.OrderNumber(order);
        string email;
        await using (var scope = shop.Scope(out var db))
            email = (await db.Users.SingleAsync(u => u.Id == order.CustomerId)).Email!;
        var auditor = await AdminShop.AuditorAsync(shop);

        Assert.Equal([number], Numbers(await auditor.PageAsync($"/admin/orders?Search.Number={number}")));
        Assert.Equal([number], Numbers(await auditor.PageAsync($"/admin/orders?Search.Number={number.ToLowerInvariant()}")));
        Assert.Equal([number], Numbers(await auditor.PageAsync($"/admin/orders?Search.Email={Uri.EscapeDataString(email.ToUpperInvariant())}")));
        Assert.Contains(number, Numbers(await auditor.PageAsync("/admin/orders?Search.Mobile=13812345678&Search.Status=Paid")));
        Assert.DoesNotContain(number, Numbers(await auditor.PageAsync($"/admin/orders?Search.Email={Uri.EscapeDataString(email)}&Search.Status=Refunded")));
        Assert.Empty(Numbers(await auditor.PageAsync("/admin/orders?Search.Number=000000000000")));

        var detail = await auditor.PageAsync($"/admin/orders/{order.Id}");
        Assert.Contains(order.PaymentReference!, detail.QuerySelector("dl.admin-facts")!.TextContent);
        Assert.Equal(order.Lines.Count + 1, detail.QuerySelectorAll("table.order-lines tbody tr").Length);
        Assert.Equal(2, detail.QuerySelectorAll("ul.admin-shipments li").Length);
        Assert.NotEmpty(detail.QuerySelectorAll("table.admin-attribution tbody tr"));
        // Read-only for auditors: no way to the refund form.
        Assert.Null(detail.QuerySelector($"a[href='/admin/orders/{order.Id}/refund']"));
        var admin = await AdminShop.AdminAsync(shop);
        Assert.NotNull((await admin.PageAsync($"/admin/orders/{order.Id}")).QuerySelector($"a[href='/admin/orders/{order.Id}/refund']"));
    }

    [Fact]
    public async Task Staff_find_an_order_by_the_county_and_producer_its_lines_came_from()
    {
        var order = await AdminShop.PaidOrderAsync(shop);
        var number = EmailTemplates.OrderNumber(order);
        var line = order.Lines[0];
        var county = line.Shares[0].CountyId;
        int otherCounty, otherProducer;
        await using (var scope = shop.Scope(out var db))
        {
            var counties = order.Lines.SelectMany(l => l.Shares).Select(s => s.CountyId).ToList();
            otherCounty = await db.Counties.Where(c => !counties.Contains(c.Id)).Select(c => c.Id).FirstOrDefaultAsync();
            var producers = order.Lines.Select(l => l.ProducerId).ToList();
            otherProducer = await db.Producers.Where(p => !producers.Contains(p.Id)).Select(p => p.Id).FirstAsync();
        }
        var auditor = await AdminShop.AuditorAsync(shop);
        var today = ReliefMarket.Web.ChinaTime.FromUtc(DateTime.UtcNow).ToString("yyyy-MM-dd");

        Assert.Contains(number, Numbers(await auditor.PageAsync($"/admin/orders?Search.County={county}&Search.From={today}&Search.To={today}")));
        Assert.Contains(number, Numbers(await auditor.PageAsync($"/admin/orders?Search.Producer={line.ProducerId}&Search.Status=Paid")));
        Assert.Equal([number], Numbers(await auditor.PageAsync($"/admin/orders?Search.Number={number}&Search.Producer={line.ProducerId}&Search.County={county}")));
        Assert.Empty(Numbers(await auditor.PageAsync($"/admin/orders?Search.Number={number}&Search.Producer={otherProducer}")));
        if (otherCounty != 0) Assert.Empty(Numbers(await auditor.PageAsync($"/admin/orders?Search.Number={number}&Search.County={otherCounty}")));
        // The filter form offers every county and producer.
        var page = await auditor.PageAsync("/admin/orders");
        Assert.NotNull(page.QuerySelector($"select[name='Search.Producer'] option[value='{line.ProducerId}']"));
        Assert.NotNull(page.QuerySelector($"select[name='Search.County'] option[value='{county}']"));
    }
}

public sealed class OrdersOnSqlite(SqliteShop shop) : OrdersTests<SqliteShop>(shop);
public sealed class OrdersOnPostgres(PostgresShop shop) : OrdersTests<PostgresShop>(shop);
