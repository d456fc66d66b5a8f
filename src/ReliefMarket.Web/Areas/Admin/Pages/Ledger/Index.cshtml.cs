using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Domain.Ledger;

namespace ReliefMarket.Web.Areas.Admin.Pages.Ledger;

/// <summary>
/// The books for a range of China-time days: a trial balance per account (payable per producer) and the journal
/// entries with their lines and causes, newest first. Read-only, for administrators and auditors.
/// </summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;
    public const int DefaultDays = 30;

    public sealed record BalanceRow(Account Account, int? ProducerId, string? Producer, Money Debits, Money Credits)
    {
        /// <summary>Debits less credits: positive for assets, negative for what is owed or earned.</summary>
        public Money Balance => Debits - Credits;
    }

    public sealed record LineRow(Account Account, string? Producer, Money Debit, Money Credit);
    public sealed record EntryRow(long Id, DateTime PostedAtUtc, CauseKind Kind, string CauseKey, Guid? OrderId, IReadOnlyList<LineRow> Lines);

    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    /// <summary>"p", because "page" is the route value Razor Pages itself uses.</summary>
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<BalanceRow> Balances { get; private set; } = [];
    public IReadOnlyList<EntryRow> Entries { get; private set; } = [];
    public int PageCount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var to = To ?? ChinaTime.Today(clock);
        var from = From ?? to.AddDays(-(DefaultDays - 1));
        if (from > to) (from, to) = (to, from);
        (From, To) = (from, to);
        var (fromUtc, toUtc) = (StartUtc(from), StartUtc(to.AddDays(1)));

        var lines = db.JournalLines.AsNoTracking().Where(l => l.PostedAtUtc >= fromUtc && l.PostedAtUtc < toUtc);
        var sums = await lines.GroupBy(l => new { l.Account, l.ProducerId })
            .Select(g => new { g.Key.Account, g.Key.ProducerId, Debits = g.Sum(l => l.DebitFen), Credits = g.Sum(l => l.CreditFen) })
            .ToListAsync(ct);

        var entries = db.JournalEntries.AsNoTracking().Where(e => e.PostedAtUtc >= fromUtc && e.PostedAtUtc < toUtc);
        PageCount = Math.Max(1, (int)Math.Ceiling(await entries.CountAsync(ct) / (double)PageSize));
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await entries.Include(e => e.Lines).OrderByDescending(e => e.PostedAtUtc).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);

        var producerIds = sums.Select(s => s.ProducerId).Concat(page.SelectMany(e => e.Lines).Select(l => l.ProducerId))
            .OfType<int>().Distinct().ToList();
        var names = await db.Producers.AsNoTracking().Where(p => producerIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name.Current, ct);
        string? Name(int? id) => id is { } i ? names.GetValueOrDefault(i, $"#{i}") : null;

        Balances = sums.OrderBy(s => s.Account).ThenBy(s => s.ProducerId)
            .Select(s => new BalanceRow(s.Account, s.ProducerId, Name(s.ProducerId), new Money(s.Debits), new Money(s.Credits))).ToList();
        Entries = page.Select(e => new EntryRow(e.Id, e.PostedAtUtc, e.CauseKind, e.CauseKey, e.OrderId,
            e.Lines.OrderBy(l => l.CreditFen > 0).ThenBy(l => l.Account).ThenBy(l => l.ProducerId)
                .Select(l => new LineRow(l.Account, Name(l.ProducerId), new Money(l.DebitFen), new Money(l.CreditFen))).ToList())).ToList();
    }

    public Money TotalDebits => Money.Sum(Balances.Select(b => b.Debits));
    public Money TotalCredits => Money.Sum(Balances.Select(b => b.Credits));

    private static DateTime StartUtc(DateOnly chinaDay) =>
        TimeZoneInfo.ConvertTimeToUtc(chinaDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), ChinaTime.Zone);
}
