using System.Net;
using System.Text;
using ReliefMarket.Web.Audit;

namespace ReliefMarket.Web.Tests.Areas.Admin;

public abstract class AuditLogTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private async Task<string> EntryAsync(string action, string? email, DateTime atUtc, string? after = null)
    {
        var entityId = Guid.NewGuid().ToString("N")[..12];
        await using var scope = shop.Scope(out var db);
        db.AuditEntries.Add(new AuditEntry(atUtc, null, email, action, "Test", entityId, null, after, "10.0.0.1"));
        await db.SaveChangesAsync();
        return entityId;
    }

    [Fact]
    public async Task Staff_filter_the_log_by_person_action_and_China_day_newest_first()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        // 2026-03-01 23:30 in China is 15:30 UTC the same day; 2026-03-02 00:30 in China is still 2026-03-01 in UTC.
        var lateFirst = await EntryAsync($"t.{tag}", $"a-{tag}@example.test", new DateTime(2026, 3, 1, 15, 30, 0, DateTimeKind.Utc));
        var earlySecond = await EntryAsync($"t.{tag}", $"a-{tag}@example.test", new DateTime(2026, 3, 1, 16, 30, 0, DateTimeKind.Utc));
        var other = await EntryAsync($"t.{tag}", $"b-{tag}@example.test", new DateTime(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc));
        var auditor = await AdminShop.AuditorAsync(shop);

        var all = await auditor.PageAsync($"/admin/audit?Filter.Action=t.{tag}");
        Assert.Equal([other, earlySecond, lateFirst], all.QuerySelectorAll("table.audit tbody tr").Select(r => r.QuerySelectorAll("code")[1].TextContent).ToArray());

        var byPerson = await auditor.PageAsync($"/admin/audit?Filter.Action=t.{tag}&Filter.Person=a-{tag}");
        Assert.Equal(2, byPerson.QuerySelectorAll("table.audit tbody tr").Length);

        var secondChinaDay = await auditor.PageAsync($"/admin/audit?Filter.Action=t.{tag}&Filter.From=2026-03-02&Filter.To=2026-03-02");
        Assert.Equal([other, earlySecond], secondChinaDay.QuerySelectorAll("table.audit tbody tr").Select(r => r.QuerySelectorAll("code")[1].TextContent).ToArray());
        Assert.Contains("2026-03-02 00:30:00", secondChinaDay.QuerySelector("table.audit tbody")!.TextContent);
    }

    [Fact]
    public async Task The_export_is_UTF8_with_a_BOM_and_escapes_formulas()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await EntryAsync($"x.{tag}", "=HYPERLINK(\"http://x.test\")", DateTime.UtcNow, "{\"Reason\":\"退款\"}");
        var auditor = await AdminShop.AuditorAsync(shop);

        var response = await auditor.Client.GetAsync($"/admin/audit/export?Filter.Action=x.{tag}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"'=HYPERLINK(\"\"http://x.test\"\")\"", lines[1]);
        Assert.Contains("退款", lines[1]);
    }

    [Fact]
    public void Bank_account_numbers_are_masked_to_their_last_four()
    {
        Assert.Equal("****5678", AuditLog.Mask("6222 0000 1234 5678"));
        Assert.Equal("****5678", AuditLog.Masked("BankAccountNumber", "6222000012345678"));
        Assert.Equal("Bank of China", AuditLog.Masked("BankName", "Bank of China"));
    }
}

public sealed class AuditLogOnSqlite(SqliteShop shop) : AuditLogTests<SqliteShop>(shop);

public sealed class AuditLogOnPostgres(PostgresShop shop) : AuditLogTests<PostgresShop>(shop);

/// <summary>Append-only in the database, not only by habit: PostgreSQL, the production database, refuses the change.</summary>
public sealed class AuditAppendOnlyOnPostgres(PostgresShop shop) : IClassFixture<PostgresShop>
{
    [Fact]
    public async Task The_database_refuses_to_update_or_delete_an_audit_entry()
    {
        await using var scope = shop.Scope(out var db);
        var entry = new AuditEntry(DateTime.UtcNow, null, "someone@example.test", "t.append", "Test", "1", null, null, null);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync();

        var update = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            db.Database.ExecuteSqlInterpolatedAsync($"UPDATE audit_entries SET action = 'tampered' WHERE id = {entry.Id}"));
        Assert.Contains("append-only", update.MessageText);
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM audit_entries WHERE id = {entry.Id}"));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_entries"));
        Assert.Equal("t.append", await db.AuditEntries.AsNoTracking().Where(a => a.Id == entry.Id).Select(a => a.Action).SingleAsync());
    }
}
