using System.Net;
using ReliefMarket.Domain.Settlement;
using ReliefMarket.Web.Channels;
using ReliefMarket.Web.Ledger;
using ReliefMarket.Web.Settlement;
using ReliefMarket.Web.Tests.Areas.Admin;
using ReliefMarket.Web.Tests.Areas.Cooperative;
using static ReliefMarket.Web.Tests.Settlement.SettlementShop;

namespace ReliefMarket.Web.Tests.Settlement;

/// <summary>
/// Closing periods, approving, paying by bank transfer, and what members read. The tests share one shop and one clock,
/// so each uses producers of its own and moves the clock forward only.
/// </summary>
public abstract class SettlementTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private static void AssertLinesSumToPayable(SettlementStatement s, IReadOnlyList<StatementLine> lines) =>
        Assert.Equal(s.PayableFen, lines.Sum(l => l.AmountFen));

    [Fact]
    public async Task A_week_is_held_until_delivery_then_approved_batched_paid_and_emailed_to_the_members()
    {
        var producers = await ProducersAsync(shop);
        var (producer, slug) = producers[0];
        var orderId = await BuyAsync(shop, slug);
        var sold = await SoldAsync(shop, orderId, producer);
        await DeliverAsync(shop, orderId);
        await GiveBankAccountAsync(shop, producer);
        shop.Clock.Advance(TimeSpan.FromDays(15));
        Assert.True(await SettleAsync(shop) >= 2);
        Assert.Equal(0, await SettleAsync(shop));

        var statements = await StatementsAsync(shop, producer);
        Assert.Equal(2, statements.Count);
        var (held, released) = (statements[0], statements[1]);
        var heldLines = await LinesAsync(shop, held.Id);
        var releasedLines = await LinesAsync(shop, released.Id);
        AssertLinesSumToPayable(held, heldLines);
        AssertLinesSumToPayable(released, releasedLines);
        Assert.Equal(sold, heldLines.Where(l => l.Kind == StatementLineKind.Sale && l.OrderId == orderId).Sum(l => l.AmountFen));
        Assert.All(heldLines.Where(l => l.Kind == StatementLineKind.Sale), l => Assert.NotNull(l.VillageId));
        Assert.Equal((sold, -sold, 0L, StatementStatus.Closed), (held.SalesFen, held.HeldFen, held.PayableFen, held.Status));
        Assert.Equal((0L, sold, sold), (released.SalesFen, released.HeldFen, released.PayableFen));

        var member = await CoopShop.MemberAsync(shop, producer);
        var admin = await AdminShop.AdminAsync(shop, "en");
        var detail = await admin.PageAsync($"/admin/settlements/statement/{released.Id}");
        Assert.Contains("agrees with the ledger", detail.QuerySelector(".ledger-diff")!.TextContent);
        var approve = await admin.SubmitAsync($"/admin/settlements/statement/{released.Id}", "form[action*=Approve]", []);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);

        var batch = await admin.SubmitAsync("/admin/settlements", "form[action*=Batch]", []);
        Assert.Equal(HttpStatusCode.Redirect, batch.StatusCode);
        var batchUrl = batch.Headers.Location!.OriginalString;
        Assert.True(batchUrl.StartsWith("/admin/settlements/batch/", StringComparison.OrdinalIgnoreCase), batchUrl);
        // A second batch finds nothing new: the statement is in an unpaid batch already.
        var again = await admin.PageAsync("/admin/settlements");
        Assert.Empty(again.QuerySelectorAll("form[action*=Batch]"));

        var csv = await admin.Client.GetAsync(batchUrl + "?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("account_name,bank,account_number,amount_yuan,reference", text);
        Assert.Contains($"62284800{producer:D8},{sold / 100}.{sold % 100:00},RM-S{released.Id}", text);

        var paid = await admin.SubmitAsync(batchUrl, "form[action*=Paid]", new() { ["bankReference"] = "ABC-2026-001" });
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var after = (await StatementsAsync(shop, producer))[1];
        Assert.Equal((StatementStatus.Paid, "ABC-2026-001"), (after.Status, after.PaymentReference));

        await using (var scope = shop.Scope(out var db))
        {
            var members = await db.Users.Where(u => u.ProducerId == producer).Select(u => u.Email!).ToListAsync();
            var email = await db.OutboxMessages.SingleAsync(m => m.Kind == "statement-paid");
            Assert.Contains(email.To, members);
            Assert.Contains($"{ShopFactory.PublicBaseUrl}/coop/statements/{released.Id}", email.TextBody);
            Assert.Contains("ABC-2026-001", email.HtmlBody);
            var keys = await db.JournalEntries.Where(e => e.CauseKey.StartsWith($"payout") && e.CauseKey.Contains($":{released.Id}:")).Select(e => e.CauseKey).ToListAsync();
            Assert.Equal(2, keys.Count);
            Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == "settlement.approved" && a.EntityId == released.Id.ToString()
                || a.Action == "payout.batch.created" || a.Action == "payout.batch.paid"));
        }
        await using (var scope = shop.Scope(out _))
        {
            var run = await scope.ServiceProvider.GetRequiredService<ReconciliationJob>().RunAsync(default);
            Assert.True(run.Balanced, run.FindingsJson);
        }

        var page = await member.PageAsync($"/coop/statements/{released.Id}");
        Assert.NotNull(page.QuerySelector(".statement-explain"));
        Assert.Contains(page.QuerySelectorAll(".statement-lines tbody tr"), r => r.ClassList.Contains("line-release"));
        Assert.Contains((await member.PageAsync($"/coop/statements/{held.Id}")).QuerySelectorAll(".statement-lines tbody tr"), r => r.ClassList.Contains("line-hold"));
        var memberCsv = await member.Client.GetAsync($"/coop/statements/{held.Id}?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, memberCsv.StatusCode);
        Assert.Contains((await member.PageAsync("/coop/statements")).QuerySelectorAll("table.statements a"), a => a.GetAttribute("href") == $"/coop/statements/{released.Id}");

        var other = await CoopShop.MemberAsync(shop, producers[1].Producer);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/coop/statements/{released.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/coop/statements/{released.Id}?handler=Csv")).StatusCode);
    }

    [Fact]
    public async Task Auditors_read_settlements_without_action_buttons_and_are_refused_on_the_server()
    {
        var auditor = await AdminShop.AuditorAsync(shop);
        var page = await auditor.PageAsync("/admin/settlements");
        Assert.DoesNotContain(page.QuerySelectorAll("form[method=post]"), f => (f.GetAttribute("action") ?? "").Contains("/admin/"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var post = await auditor.Client.PostAsync("/admin/settlements?handler=Batch",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["method"] = "BankTransfer", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/account/access-denied", post.Headers.Location!.AbsolutePath);
        var close = await auditor.Client.PostAsync("/admin/settlements?handler=Close",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal("/account/access-denied", close.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task An_administrator_closes_finished_periods_at_once_and_a_second_click_finds_nothing_to_close()
    {
        var (producer, slug) = (await ProducersAsync(shop))[6];
        await BuyAsync(shop, slug);
        var before = (await StatementsAsync(shop, producer)).Count;
        shop.Clock.Advance(TimeSpan.FromDays(8));

        var admin = await AdminShop.AdminAsync(shop, "en");
        var first = await admin.SubmitAsync("/admin/settlements", "form[action*=Close]", []);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Every finished period is closed", await first.Content.ReadAsStringAsync());
        Assert.True((await StatementsAsync(shop, producer)).Count > before);
        var second = await admin.SubmitAsync("/admin/settlements", "form[action*=Close]", []);
        Assert.Contains("No finished period was waiting", await second.Content.ReadAsStringAsync());
        await using var scope = shop.Scope(out var db);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "settlement.closed-now"));
    }

    [Fact]
    public async Task A_refund_after_close_lands_in_the_next_statement_and_the_negative_balance_carries_forward()
    {
        var (producer, slug) = (await ProducersAsync(shop))[1];
        var first = await BuyAsync(shop, slug);
        var sold = await SoldAsync(shop, first, producer);
        await DeliverAsync(shop, first);
        shop.Clock.Advance(TimeSpan.FromDays(15));
        await SettleAsync(shop);
        var closedBefore = (await StatementsAsync(shop, producer)).Count;

        Money total;
        await using (var scope = shop.Scope(out var db)) total = (await db.Orders.SingleAsync(o => o.Id == first)).Total;
        await RefundAsync(shop, first, total);
        shop.Clock.Advance(TimeSpan.FromDays(7));
        await SettleAsync(shop);

        var statements = await StatementsAsync(shop, producer);
        var refunded = statements[closedBefore];
        var lines = await LinesAsync(shop, refunded.Id);
        AssertLinesSumToPayable(refunded, lines);
        Assert.Equal(-sold, lines.Where(l => l.Kind == StatementLineKind.Refund && l.OrderId == first).Sum(l => l.AmountFen));
        Assert.Equal((-sold, -sold, StatementStatus.Closed), (refunded.PayableFen, refunded.CarriedOutFen, refunded.Status));

        var second = await BuyAsync(shop, slug);
        shop.Clock.Advance(TimeSpan.FromDays(7));
        await SettleAsync(shop);
        var next = (await StatementsAsync(shop, producer))[closedBefore + 1];
        var nextLines = await LinesAsync(shop, next.Id);
        AssertLinesSumToPayable(next, nextLines);
        Assert.Equal(-sold, nextLines.Single(l => l.Kind == StatementLineKind.Carried).AmountFen);
        Assert.Contains(nextLines, l => l.Kind == StatementLineKind.Sale && l.OrderId == second);
        Assert.Equal(-sold, next.CarriedInFen);

        // Nothing to pay cannot be approved.
        var admin = await AdminShop.AdminAsync(shop);
        var detail = await admin.PageAsync($"/admin/settlements/statement/{refunded.Id}");
        Assert.Empty(detail.QuerySelectorAll("form[action*=Approve]"));
    }

    [Fact]
    public async Task A_sale_reported_after_its_period_closed_is_booked_and_settled_in_the_open_period()
    {
        var (producer, slug) = (await ProducersAsync(shop))[5];
        var soldAt = shop.Clock.GetUtcNow().UtcDateTime;
        shop.Clock.Advance(TimeSpan.FromDays(8));
        await SettleAsync(shop);
        var closedBefore = (await StatementsAsync(shop, producer)).Count;

        // A vending cabinet reports, a week late, a sale from the week just closed.
        Guid orderId;
        var bookedAt = shop.Clock.GetUtcNow().UtcDateTime;
        await using (var scope = shop.Scope(out var db))
        {
            var catalog = await OfflineSale.CatalogAsync(db, [slug], default);
            var product = catalog.BySlug[slug];
            var order = OfflineSale.PaidOrder(Channel.VendingCabinet, [(product, 2, product.Price)], catalog, soldAt, $"late-{Guid.NewGuid():N}");
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            OfflineSale.Post(db, order, bookedAt);
            await db.SaveChangesAsync();
            orderId = order.Id;
            var entries = await db.AttributionEntries.Where(e => e.OrderId == orderId).ToListAsync();
            Assert.All(entries, e => Assert.Equal((soldAt, bookedAt, false), (e.OccurredAtUtc, e.BookedAtUtc, e.Held)));
        }
        // Nothing changes in the closed period; the open one takes the sale when it closes, with nothing held (no delivery).
        Assert.Equal(closedBefore, (await StatementsAsync(shop, producer)).Count);
        shop.Clock.Advance(TimeSpan.FromDays(8));
        await SettleAsync(shop);
        var statements = await StatementsAsync(shop, producer);
        var lines = await LinesAsync(shop, statements[closedBefore].Id);
        AssertLinesSumToPayable(statements[closedBefore], lines);
        var sold = await SoldAsync(shop, orderId, producer);
        Assert.Equal(sold, lines.Where(l => l.Kind == StatementLineKind.Sale && l.OrderId == orderId).Sum(l => l.AmountFen));
        Assert.DoesNotContain(lines, l => l.OrderId == orderId && l.Kind != StatementLineKind.Sale);
        foreach (var earlier in statements.Take(closedBefore))
            Assert.DoesNotContain(await LinesAsync(shop, earlier.Id), l => l.OrderId == orderId);
    }

    [Fact]
    public async Task A_refund_before_delivery_is_held_with_its_sale_and_a_refund_after_delivery_is_not()
    {
        var (producer, slug) = (await ProducersAsync(shop))[6];
        var orderId = await BuyAsync(shop, slug);
        var sold = await SoldAsync(shop, orderId, producer);
        Money total;
        await using (var scope = shop.Scope(out var db)) total = (await db.Orders.SingleAsync(o => o.Id == orderId)).Total;
        await RefundAsync(shop, orderId, new Money(100));
        await DeliverAsync(shop, orderId);
        await RefundAsync(shop, orderId, new Money(300));

        await using (var scope = shop.Scope(out var db))
        {
            var entries = await db.AttributionEntries.Where(e => e.OrderId == orderId && e.ProducerId == producer).OrderBy(e => e.Id).ToListAsync();
            var refunds = entries.Where(e => e.Kind == AttributionKind.Refund).ToList();
            Assert.All(entries.Where(e => e.Kind == AttributionKind.Sale), e => Assert.True(e.Held));
            var before = refunds.Where(e => e.Held).Sum(e => e.AmountFen);
            var after = refunds.Where(e => !e.Held).Sum(e => e.AmountFen);
            Assert.True(before < 0 && after < 0, $"held refunds {before}, later refunds {after}");
            // What comes free is the sale less the refund made while the parcel was on its way; the later refund is settled at once.
            var released = await db.HoldReleases.Where(r => r.OrderId == orderId && r.ProducerId == producer).ToListAsync();
            Assert.Equal(sold + before, released.Sum(r => r.AmountFen));
            var delivered = (await db.Orders.SingleAsync(o => o.Id == orderId)).DeliveredAtUtc!.Value;
            Assert.All(released, r => Assert.Equal(delivered.AddDays(7), r.ReleasedAtUtc));
        }
        shop.Clock.Advance(TimeSpan.FromDays(15));
        await SettleAsync(shop);
        foreach (var s in await StatementsAsync(shop, producer)) AssertLinesSumToPayable(s, await LinesAsync(shop, s.Id));
    }

    private sealed record Snapshot(IReadOnlyList<string> Statements, IReadOnlyList<string> Lines);

    private async Task<Snapshot> SnapshotAsync(int sincePeriod)
    {
        await using var scope = shop.Scope(out var db);
        var statements = await (from s in db.SettlementStatements
                                join p in db.SettlementPeriods on s.PeriodId equals p.Id
                                where s.PeriodId > sincePeriod
                                select new { p.StartsAtUtc, s }).ToListAsync();
        var queries = scope.ServiceProvider.GetRequiredService<StatementQueries>();
        var lines = new List<(DateTime StartsAtUtc, StatementLine l)>();
        foreach (var x in statements)
            lines.AddRange((await queries.LinesAsync(x.s, default)).Select(l => (x.StartsAtUtc, l)));
        return new Snapshot(
            statements.Select(x => $"{x.StartsAtUtc:O}|{x.s.ProducerId}|{x.s.Status}|{x.s.SalesFen}|{x.s.RefundsFen}|{x.s.FeeFen}|{x.s.HeldFen}|{x.s.CarriedInFen}|{x.s.PayableFen}|{x.s.CarriedOutFen}").Order().ToList(),
            lines.Select(x => $"{x.StartsAtUtc:O}|{x.l.ProducerId}|{x.l.Kind}|{x.l.OrderId}|{x.l.OrderLineId}|{x.l.VillageId}|{x.l.AmountFen}|{x.l.OccurredAtUtc:O}").Order().ToList());
    }

    [Fact]
    public async Task Killed_halfway_and_run_again_the_job_writes_exactly_what_a_clean_run_writes()
    {
        var producers = await ProducersAsync(shop);
        var order = await BuyAsync(shop, producers[2].Slug, producers[3].Slug, producers[4].Slug);
        int since;
        await using (var scope = shop.Scope(out var db)) since = await db.SettlementPeriods.MaxAsync(p => (int?)p.Id) ?? 0;
        shop.Clock.Advance(TimeSpan.FromDays(8));

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SettleAsync(shop, producersPerBatch: 1, afterBatch: closed => closed == 2 ? throw new InvalidOperationException("killed") : Task.CompletedTask));
        await using (var scope = shop.Scope(out var db))
            Assert.Equal(2, await db.SettlementStatements.CountAsync(s => s.PeriodId > since));
        await SettleAsync(shop, producersPerBatch: 1);
        var resumed = await SnapshotAsync(since);
        Assert.Equal(3, resumed.Statements.Count(s => s.Contains("|Closed|")));
        Assert.Contains(resumed.Lines, l => l.Contains($"|Sale|{order}|"));

        await using (var scope = shop.Scope(out var db))
        {
            // The test may delete what the app never would, to compare with a clean run over the same data.
            await db.Database.ExecuteSqlAsync($"DELETE FROM settlement_statements WHERE period_id > {since}");
            await db.Database.ExecuteSqlAsync($"DELETE FROM settlement_periods WHERE id > {since}");
        }
        await SettleAsync(shop);
        Assert.Equal(resumed, await SnapshotAsync(since), new SnapshotComparer());
    }

    private sealed class SnapshotComparer : IEqualityComparer<Snapshot>
    {
        public bool Equals(Snapshot? x, Snapshot? y) => x!.Statements.SequenceEqual(y!.Statements) && x.Lines.SequenceEqual(y.Lines);
        public int GetHashCode(Snapshot obj) => obj.Statements.Count;
    }

    [Fact]
    public async Task Two_nodes_running_the_job_at_once_settle_each_producer_once()
    {
        if (shop.DatabaseProvider != DatabaseProvider.Postgres) return; // SQLite has one writer; the race is PostgreSQL's.
        var producers = await ProducersAsync(shop);
        // Producers no other test here uses, so their statements are this test's alone.
        var mine = producers.Skip(5).Select(p => p.Slug).ToArray();
        Assert.NotEmpty(mine);
        await BuyAsync(shop, mine);
        int since;
        await using (var scope = shop.Scope(out var db)) since = await db.SettlementPeriods.MaxAsync(p => (int?)p.Id) ?? 0;
        shop.Clock.Advance(TimeSpan.FromDays(8));

        var runs = await Task.WhenAll(SettleAsync(shop, producersPerBatch: 1), SettleAsync(shop, producersPerBatch: 1));
        await using (var scope = shop.Scope(out var db))
        {
            var count = await db.SettlementStatements.CountAsync(s => s.PeriodId > since);
            Assert.Equal(count, runs.Sum());
            Assert.True(count >= mine.Length);
        }
    }
}

public sealed class SettlementOnSqlite(SqliteShop shop) : SettlementTests<SqliteShop>(shop);
public sealed class SettlementOnPostgres(PostgresShop shop) : SettlementTests<PostgresShop>(shop);
