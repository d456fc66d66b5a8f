namespace ReliefMarket.Domain.Tests;

/// <summary>Builds small catalogs in memory. Ids are normally assigned by the database, so tests set them here.</summary>
internal static class TestData
{
    public static readonly DateTime Now = new(2026, 3, 10, 2, 0, 0, DateTimeKind.Utc);
    public static readonly DateOnly Today = new(2026, 3, 10);

    public static T WithId<T>(this T entity, object id)
    {
        typeof(T).GetProperty("Id")!.SetValue(entity, id);
        return entity;
    }

    public static LocalizedText T(string text) => new(text, text);

    public static County County(int id = 1) =>
        new County($"county-{id}", T("县"), T("省"), T("市"), AidProgramme.EastWestCollaboration, T(""), T(""), 27, 104).WithId(id);

    public static Village Village(int id, County county) =>
        new Village(county, null, $"village-{id}", T($"村{id}"), 10, 30, true, false, T(""), isDemoData: true).WithId(id);

    public static Producer Producer(int id, Village home, params (int villageId, int bp)[] shares)
    {
        var producer = new Producer($"producer-{id}", T("合作社"), ProducerKind.Cooperative, home, 12, T(""), true).WithId(id);
        producer.SetSourcingShares(shares.Length == 0
            ? [new SourcingShare(home.Id, 10_000)]
            : shares.Select(s => new SourcingShare(s.villageId, s.bp)));
        return producer;
    }

    public static Product Product(int id, Producer producer, long priceFen = 3990, int stock = 100) =>
        new Product(producer, $"product-{id}", T("土豆"), T(""), ProductCategory.PotatoesAndVegetables, T("5kg"),
            new Money(priceFen), stock, "/images/x.svg", Now).WithId(id);

    /// <summary>An online order of one line, the producer sourcing from the given villages (all in county 1).</summary>
    public static Order OrderOf(long priceFen, int quantity, params (int villageId, int bp)[] shares)
    {
        var county = County();
        var home = Village(shares.Length == 0 ? 1 : shares[0].villageId, county);
        var producer = Producer(7, home, shares);
        var product = Product(3, producer, priceFen);
        var counties = producer.SourcingShares.ToDictionary(s => s.VillageId, _ => county.Id);
        var line = OrderLine.Snapshot(product, producer, counties, quantity, Today).WithId(11L);
        return new Order(Guid.NewGuid(), "user-1", Channel.Online, [line], new Money(1000), Now);
    }
}
