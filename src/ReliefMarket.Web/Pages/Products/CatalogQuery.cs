namespace ReliefMarket.Web.Pages.Products;

public enum CatalogSort { Relevance, PriceAsc, PriceDesc, Newest, BestSelling }

/// <summary>
/// A product-list view as it appears in the query string (?q=土豆&amp;county=hezhang&amp;sort=price-asc&amp;page=2),
/// read forgivingly: unknown or malformed values fall back to their defaults instead of failing the page.
/// </summary>
public sealed record CatalogQuery(string? Search, string? County, string? Village, ProductCategory? Category,
    bool CertifiedOnly, bool InStockOnly, CatalogSort Sort, int Page)
{
    public const int PageSize = 12;
    public const int MaxSearchLength = 50;
    public const int MaxPage = 10_000;

    public static readonly IReadOnlyDictionary<string, CatalogSort> SortNames = new Dictionary<string, CatalogSort>
    {
        ["relevance"] = CatalogSort.Relevance, ["price-asc"] = CatalogSort.PriceAsc, ["price-desc"] = CatalogSort.PriceDesc,
        ["newest"] = CatalogSort.Newest, ["best-selling"] = CatalogSort.BestSelling,
    };

    /// <summary>True when the search text was cut to <see cref="MaxSearchLength"/> characters.</summary>
    public bool SearchTruncated { get; init; }

    public static CatalogQuery Parse(IQueryCollection query)
    {
        var raw = string.Join(' ', ((string?)query["q"] ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var truncated = raw.Length > MaxSearchLength;
        return new CatalogQuery(
            Search: raw.Length == 0 ? null : truncated ? raw[..MaxSearchLength].TrimEnd() : raw,
            County: Code(query["county"]),
            Village: Code(query["village"]),
            Category: Enum.TryParse<ProductCategory>(query["category"], ignoreCase: true, out var c) && Enum.IsDefined(c) && !int.TryParse(query["category"], out _) ? c : null,
            CertifiedOnly: IsOn(query["certified"]),
            InStockOnly: IsOn(query["instock"]),
            Sort: SortNames.GetValueOrDefault(((string?)query["sort"] ?? "").ToLowerInvariant(), CatalogSort.Relevance),
            Page: int.TryParse(query["page"], out var p) ? Math.Clamp(p, 1, MaxPage) : 1) { SearchTruncated = truncated };
    }

    private static string? Code(string? value) => Slug.IsValid(value) ? value : null;
    private static bool IsOn(string? value) => value is "1" or "true" or "on";

    /// <summary>Search terms (at most five), lower-cased so English matches regardless of case.</summary>
    public IReadOnlyList<string> Terms => (Search ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5).ToList();

    public bool HasFilters => County is not null || Village is not null || Category is not null || CertifiedOnly || InStockOnly || Sort != CatalogSort.Relevance;

    public string SortName => SortNames.First(kv => kv.Value == Sort).Key;

    /// <summary>The query string of this view with some values changed, for pager and filter links.</summary>
    public string ToQueryString(int? page = null)
    {
        var parts = new List<KeyValuePair<string, string?>>();
        if (Search is not null) parts.Add(new("q", Search));
        if (County is not null) parts.Add(new("county", County));
        if (Village is not null) parts.Add(new("village", Village));
        if (Category is not null) parts.Add(new("category", Category.ToString()));
        if (CertifiedOnly) parts.Add(new("certified", "1"));
        if (InStockOnly) parts.Add(new("instock", "1"));
        if (Sort != CatalogSort.Relevance) parts.Add(new("sort", SortName));
        if ((page ?? Page) > 1) parts.Add(new("page", (page ?? Page).ToString()));
        return Microsoft.AspNetCore.Http.QueryString.Create(parts).ToString();
    }

    public IQueryable<Product> Apply(AppDbContext db, DateOnly chinaToday)
    {
        var q = db.Products.AsNoTracking().Where(p => p.IsListed);
        foreach (var term in Terms)
            q = q.Where(p => p.Name.Zh.Contains(term) || p.Name.En.ToLower().Contains(term)
                             || p.Description.Zh.Contains(term) || p.Description.En.ToLower().Contains(term)
                             || p.Producer.Village.Name.Zh.Contains(term) || p.Producer.Village.Name.En.ToLower().Contains(term)
                             || p.Producer.Village.County.Name.Zh.Contains(term) || p.Producer.Village.County.Name.En.ToLower().Contains(term));
        if (County is not null) q = q.Where(p => p.Producer.Village.County.Code == County);
        if (Village is not null)
            q = q.Where(p => p.Producer.SourcingShares.Any(s => db.Villages.Any(v => v.Id == s.VillageId && v.Code == Village)));
        if (Category is { } category) q = q.Where(p => p.Category == category);
        if (CertifiedOnly) q = q.Where(p => p.CertificationStatus == CertificationStatus.Certified && p.CertifiedUntil >= chinaToday);
        if (InStockOnly) q = q.Where(p => p.Stock > 0);

        var sold = new[] { OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.PartiallyRefunded };
        var firstTerm = Terms.FirstOrDefault() ?? "";
        return Sort switch
        {
            CatalogSort.PriceAsc => q.OrderBy(p => p.Price).ThenBy(p => p.Id),
            CatalogSort.PriceDesc => q.OrderByDescending(p => p.Price).ThenBy(p => p.Id),
            CatalogSort.Newest => q.OrderByDescending(p => p.CreatedAtUtc).ThenBy(p => p.Id),
            CatalogSort.BestSelling => q.OrderByDescending(p => db.OrderLines
                    .Where(l => l.ProductId == p.Id && db.Orders.Any(o => o.Id == l.OrderId && sold.Contains(o.Status)))
                    .Sum(l => (int?)l.Quantity) ?? 0)
                .ThenBy(p => p.Id),
            // Relevance: a match in the name before a match elsewhere; then certified produce in stock first.
            _ => q.OrderBy(p => firstTerm != "" && (p.Name.Zh.Contains(firstTerm) || p.Name.En.ToLower().Contains(firstTerm)) ? 0 : 1)
                .ThenBy(p => p.CertificationStatus == CertificationStatus.Certified && p.CertifiedUntil >= chinaToday ? 0 : 1)
                .ThenBy(p => p.Stock > 0 ? 0 : 1)
                .ThenBy(p => p.Id),
        };
    }
}
