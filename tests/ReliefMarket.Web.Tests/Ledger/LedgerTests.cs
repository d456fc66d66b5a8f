using System.Net;
using ReliefMarket.Domain.Ledger;
using ReliefMarket.Web.Ledger;
using ReliefMarket.Web.Payments;
using ReliefMarket.Web.Tests.Areas.Cooperative;

namespace ReliefMarket.Web.Tests.Ledger;

public abstract class LedgerTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private async Task RefundAsync(Guid orderId, Money totalRefunded, string eventId)
    {
        await using var scope = shop.Scope(out _);
        var events = scope.ServiceProvider.GetRequiredService<PaymentEvents>();
        await events.ApplyOnceAsync(eventId, "charge.refunded", t => events.RefundedAsync($"sandbox_pay_{orderId:N}", totalRefunded, t), default);
    }

    private sealed record Posted(string Key, Account Account, int? Producer, long Debit, long Credit);

    private async Task<List<Posted>> PostedForAsync(Guid orderId)
    {
        await using var scope = shop.Scope(out var db);
        return (await db.JournalEntries.AsNoTracking().Include(e => e.Lines).Where(e => e.OrderId == orderId).ToListAsync())
            .SelectMany(e => e.Lines.Select(l => new Posted(e.CauseKey, l.Account, l.ProducerId, l.DebitFen, l.CreditFen)))
            .OrderBy(p => p.Key).ThenBy(p => p.Account).ThenBy(p => p.Producer).ThenBy(p => p.Debit).ToList();
    }

    private async Task<ReconciliationRun> ReconcileAsync()
    {
        await using var scope = shop.Scope(out _);
        return await scope.ServiceProvider.GetRequiredService<ReconciliationJob>().RunAsync(default);
    }

    [Fact]
    public async Task A_purchase_and_a_refund_post_once_each_and_match_the_attribution_to_the_fen()
    {
        var paid = await CoopShop.PaidOrderAsync(shop);
        await RefundAsync(paid.OrderId, new Money(1234), $"evt_r1_{paid.OrderId:N}");
        // The provider reports the same total again under another event: nothing new to post.
        await RefundAsync(paid.OrderId, new Money(1234), $"evt_r2_{paid.OrderId:N}");

        var posted = await PostedForAsync(paid.OrderId);
        Assert.Equal([$"order-paid:{paid.OrderId:N}", $"refund:{paid.OrderId:N}:1234"], posted.Select(p => p.Key).Distinct().Order());
        await using var scope = shop.Scope(out var db);
        var order = await db.Orders.SingleAsync(o => o.Id == paid.OrderId);
        var attribution = await db.AttributionEntries.Where(e => e.OrderId == paid.OrderId)
            .GroupBy(e => e.ProducerId).Select(g => new { g.Key, Sum = g.Sum(e => e.AmountFen) }).ToDictionaryAsync(x => x.Key, x => x.Sum);
        var payable = posted.Where(p => p.Account == Account.ProducerPayable).GroupBy(p => p.Producer!.Value)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Credit - p.Debit));
        Assert.Equal(attribution.OrderBy(a => a.Key), payable.OrderBy(p => p.Key));
        Assert.Equal(paid.Producers.Order(), payable.Keys.Order());
        Assert.Equal((order.Total - order.Refunded).Fen, posted.Where(p => p.Account == Account.PaymentClearing).Sum(p => p.Debit - p.Credit));
        Assert.Equal(posted.Sum(p => p.Debit), posted.Sum(p => p.Credit));
    }

    [Fact]
    public async Task The_books_balance_and_a_tampered_line_is_recorded_and_emailed_to_administrators()
    {
        var admin = $"admin-{Guid.NewGuid():N}@example.test";
        await Shopper.CreateAccountAsync(shop, admin, role: Roles.Admin);
        var paid = await CoopShop.PaidOrderAsync(shop);
        await RefundAsync(paid.OrderId, new Money(500), $"evt_r_{paid.OrderId:N}");

        var clean = await ReconcileAsync();
        Assert.True(clean.Balanced, clean.FindingsJson);
        Assert.Equal(clean.DebitsFen, clean.CreditsFen);
        Assert.Equal(clean.ExpectedClearingFen, clean.ClearingFen);

        long lineId;
        int producer;
        await using (var scope = shop.Scope(out var db))
        {
            var line = await db.JournalLines.Where(l => l.Account == Account.ProducerPayable && l.CreditFen > 0
                    && db.JournalEntries.Any(e => e.Id == l.JournalEntryId && e.OrderId == paid.OrderId))
                .Select(l => new { l.Id, l.ProducerId }).FirstAsync();
            (lineId, producer) = (line.Id, line.ProducerId!.Value);
            await db.Database.ExecuteSqlAsync($"UPDATE journal_lines SET credit_fen = credit_fen + 1 WHERE id = {lineId}");
        }
        try
        {
            var run = await ReconcileAsync();
            Assert.False(run.Balanced);
            var findings = run.Findings();
            Assert.Contains(findings, f => f.Check == ReconciliationCheck.LedgerBalances && f.ActualFen == f.ExpectedFen + 1);
            Assert.Contains(findings, f => f.Check == ReconciliationCheck.PayableOnDay && f.ProducerId == producer
                                           && f.Day == ChinaTime.Today(shop.Clock) && f.ActualFen == f.ExpectedFen + 1);
            Assert.Contains(findings, f => f.Check == ReconciliationCheck.PayableInTotal && f.ProducerId == producer);
            await using var scope = shop.Scope(out var db);
            var mail = await db.OutboxMessages.Where(m => m.To == admin && m.Kind == "reconciliation-mismatch").ToListAsync();
            Assert.Single(mail);
            Assert.Contains("对账", mail[0].Subject);
            Assert.Contains($"{ShopFactory.PublicBaseUrl}/admin/ledger/reconciliation", mail[0].TextBody);

            var page = await (await Shopper.Anonymous(shop, "en").SignUpAndSignInAsync(role: Roles.Auditor)).PageAsync("/admin/ledger/reconciliation");
            Assert.Contains("mismatches found", page.QuerySelector(".reconciliation-run.mismatch h2")!.TextContent);
            Assert.Contains(page.QuerySelectorAll(".findings td"), td => td.TextContent == "Debits equal credits");
        }
        finally
        {
            await using var scope = shop.Scope(out var db);
            await db.Database.ExecuteSqlAsync($"UPDATE journal_lines SET credit_fen = credit_fen - 1 WHERE id = {lineId}");
        }
    }

    [Fact]
    public async Task Orders_paid_before_the_ledger_are_back_posted_once_however_often_it_runs()
    {
        var paid = await CoopShop.PaidOrderAsync(shop);
        await RefundAsync(paid.OrderId, new Money(777), $"evt_r_{paid.OrderId:N}");
        var live = await PostedForAsync(paid.OrderId);
        // Make it an order from before the ledger: the test may delete what the app never would.
        await using (var scope = shop.Scope(out var db))
        {
            var ids = await db.JournalEntries.Where(e => e.OrderId == paid.OrderId).Select(e => e.Id).ToListAsync();
            foreach (var id in ids)
            {
                await db.Database.ExecuteSqlAsync($"DELETE FROM journal_lines WHERE journal_entry_id = {id}");
                await db.Database.ExecuteSqlAsync($"DELETE FROM journal_entries WHERE id = {id}");
            }
        }
        Assert.Empty(await PostedForAsync(paid.OrderId));

        int first, second;
        await using (var scope = shop.Scope(out _))
            first = await scope.ServiceProvider.GetRequiredService<LedgerBackPosting>().RunAsync(default);
        await using (var scope = shop.Scope(out _))
            second = await scope.ServiceProvider.GetRequiredService<LedgerBackPosting>().RunAsync(default);

        Assert.True(first >= 2);
        Assert.Equal(0, second);
        Assert.Equal(live, await PostedForAsync(paid.OrderId));
    }

    [Fact]
    public async Task A_stray_payment_passes_through_clearing_and_the_journal_cannot_be_edited()
    {
        var paid = await CoopShop.PaidOrderAsync(shop);
        var stray = $"pi_stray_{paid.OrderId:N}";
        await using (var scope = shop.Scope(out _))
        {
            var events = scope.ServiceProvider.GetRequiredService<PaymentEvents>();
            await events.ApplyOnceAsync($"evt_{stray}", "checkout.session.completed", t => events.PaidAsync(paid.OrderId, stray, t), default);
        }
        var posted = await PostedForAsync(paid.OrderId);
        Assert.Contains(posted, p => p.Key == $"unapplied-refund:{stray}");
        Assert.Equal(0, posted.Where(p => p.Key.StartsWith("unapplied-refund:") && p.Account == Account.PaymentClearing).Sum(p => p.Debit - p.Credit));

        await using (var scope = shop.Scope(out var db))
        {
            var line = await db.JournalLines.FirstAsync();
            db.Entry(line).Property(l => l.CreditFen).CurrentValue = line.CreditFen + 1;
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using (var scope = shop.Scope(out var db))
        {
            db.JournalEntries.Remove(await db.JournalEntries.FirstAsync());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task Staff_read_the_trial_balance_and_journal_and_nobody_else_does()
    {
        var paid = await CoopShop.PaidOrderAsync(shop);
        var consumer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        Assert.Equal("/account/access-denied", (await consumer.Client.GetAsync("/admin/ledger")).Headers.Location?.AbsolutePath);

        foreach (var (role, language, clearing) in new[] { (Roles.Admin, "zh-CN", "支付清算"), (Roles.Auditor, "en", "Payment clearing") })
        {
            var staff = await Shopper.Anonymous(shop, language).SignUpAndSignInAsync(role: role);
            var page = await staff.PageAsync("/admin/ledger");
            var rows = page.QuerySelectorAll("table.trial-balance tbody tr");
            Assert.Contains(rows, r => r.TextContent.Contains(clearing));
            var totals = page.QuerySelectorAll("table.trial-balance tfoot td").Select(td => td.TextContent).ToList();
            Assert.Equal(totals[0], totals[1]);
            Assert.Equal("¥0.00", totals[2]);
            Assert.Contains(page.QuerySelectorAll(".journal-entry code"), c => c.TextContent == $"order-paid:{paid.OrderId:N}");
        }
        var empty = await (await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Admin)).PageAsync("/admin/ledger?From=2001-01-01&To=2001-01-31");
        Assert.NotNull(empty.QuerySelector("p.notice"));
    }
}

public sealed class LedgerOnSqlite(SqliteShop shop) : LedgerTests<SqliteShop>(shop);
public sealed class LedgerOnPostgres(PostgresShop shop) : LedgerTests<PostgresShop>(shop);
