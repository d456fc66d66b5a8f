using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace ReliefMarket.Web.Pages.Impact;

/// <summary>
/// /impact: aid-attributed sales (listings certified at the time of sale, less refunds) since launch and this
/// quarter in China time, per county, from the attribution entries — set-based sums, cached for a minute.
/// </summary>
[OutputCache(PolicyName = ImpactCache)]
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const string ImpactCache = "impact";

    public sealed record Totals(Money Sales, int Orders, int Villages, int Counties);
    public sealed record CountyCard(County County, Money Sales, Money Quarter, int Villages, IReadOnlyList<(string Month, Money Sales)> Months);

    public Totals SinceLaunch { get; private set; } = new(Money.Zero, 0, 0, 0);
    public Totals ThisQuarter { get; private set; } = new(Money.Zero, 0, 0, 0);
    public DateOnly QuarterStart { get; private set; }
    public IReadOnlyList<CountyCard> Counties { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        QuarterStart = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        var quarterStartUtc = ChinaTime.ToUtc(QuarterStart);
        var aid = db.AttributionEntries.Where(e => e.CertifiedAtSale);

        SinceLaunch = await TotalsAsync(aid, ct);
        ThisQuarter = await TotalsAsync(aid.Where(e => e.OccurredAtUtc >= quarterStartUtc), ct);

        var byCounty = await aid.GroupBy(e => e.CountyId).Select(g => new
        {
            CountyId = g.Key,
            Fen = g.Sum(e => e.AmountFen),
            Quarter = g.Sum(e => e.OccurredAtUtc >= quarterStartUtc ? e.AmountFen : 0),
        }).ToDictionaryAsync(x => x.CountyId, ct);
        var villages = await aid.GroupBy(e => new { e.CountyId, e.VillageId }).Where(g => g.Sum(e => e.AmountFen) > 0)
            .Select(g => g.Key.CountyId).ToListAsync(ct);

        // Six months of bars per county: the months are China-time months; the sums are done in the database per month.
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-5);
        var monthStarts = Enumerable.Range(0, 7).Select(i => ChinaTime.ToUtc(firstMonth.AddMonths(i))).ToArray();
        var monthly = new Dictionary<(int County, int Month), long>();
        for (var m = 0; m < 6; m++)
        {
            var (from, to) = (monthStarts[m], monthStarts[m + 1]);
            foreach (var row in await aid.Where(e => e.OccurredAtUtc >= from && e.OccurredAtUtc < to)
                         .GroupBy(e => e.CountyId).Select(g => new { g.Key, Fen = g.Sum(e => e.AmountFen) }).ToListAsync(ct))
                monthly[(row.Key, m)] = row.Fen;
        }

        Counties = (await db.Counties.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct)).Select(c => new CountyCard(c,
                new Money(byCounty.GetValueOrDefault(c.Id)?.Fen ?? 0), new Money(byCounty.GetValueOrDefault(c.Id)?.Quarter ?? 0),
                villages.Count(v => v == c.Id),
                Enumerable.Range(0, 6).Select(m => (firstMonth.AddMonths(m).ToString("yyyy-MM"), new Money(monthly.GetValueOrDefault((c.Id, m))))).ToList()))
            .ToList();
    }

    private static async Task<Totals> TotalsAsync(IQueryable<AttributionEntry> entries, CancellationToken ct)
    {
        var sales = await entries.SumAsync(e => e.AmountFen, ct);
        var orders = await entries.Where(e => e.Kind == AttributionKind.Sale).Select(e => e.OrderId).Distinct().CountAsync(ct);
        var villages = await entries.GroupBy(e => new { e.CountyId, e.VillageId }).Where(g => g.Sum(e => e.AmountFen) > 0)
            .Select(g => g.Key).ToListAsync(ct);
        return new Totals(new Money(sales), orders, villages.Count, villages.Select(v => v.CountyId).Distinct().Count());
    }
}
