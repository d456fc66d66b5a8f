namespace ReliefMarket.Web.Reports;

/// <summary>
/// The counties, villages (with their registered poor households) and producers a report names, offers in its selects
/// and filters by code. They are a few hundred small rows that change only when the aid structure or a producer is
/// saved, so they are held in memory like <see cref="Pages.Products.CatalogSnapshot"/>: dropped on the same signal
/// (<see cref="ICatalogCopy"/>: a saved county, village or producer, here or on another node) and at the latest after
/// ten minutes. A report then asks the database about its entries only (bench/reports, decision 0029).
/// </summary>
public sealed class ReportNames(IServiceScopeFactory scopes, TimeProvider clock) : CatalogCopy<ReportNames.Data>
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    public sealed record VillageName(int Id, int CountyId, string Code, LocalizedText Name, int RegisteredPoorHouseholds);

    public sealed record ProducerName(int Id, string Code, LocalizedText Name);

    public sealed record Data(IReadOnlyList<County> Counties, IReadOnlyList<VillageName> Villages, IReadOnlyList<ProducerName> Producers,
        DateTimeOffset LoadedAt)
    {
        public IReadOnlyDictionary<int, County> CountyById { get; } = Counties.ToDictionary(c => c.Id);
        public IReadOnlyDictionary<int, VillageName> VillageById { get; } = Villages.ToDictionary(v => v.Id);
        public IReadOnlyDictionary<int, ProducerName> ProducerById { get; } = Producers.ToDictionary(p => p.Id);
    }

    public Task<Data> GetAsync() => GetAsync(d => clock.GetUtcNow() - d.LoadedAt <= MaxAge, LoadAsync);

    private async Task<Data> LoadAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var loadedAt = clock.GetUtcNow();
        var counties = await db.Counties.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        // Names and codes only: not the stories, sourcing shares and bank details of every village and producer.
        var villages = await db.Villages.AsNoTracking().OrderBy(v => v.Code)
            .Select(v => new VillageName(v.Id, v.CountyId, v.Code, v.Name, v.RegisteredPoorHouseholds)).ToListAsync();
        var producers = await db.Producers.AsNoTracking().OrderBy(p => p.Code).Select(p => new ProducerName(p.Id, p.Code, p.Name)).ToListAsync();
        return new Data(counties, villages, producers, loadedAt);
    }
}
