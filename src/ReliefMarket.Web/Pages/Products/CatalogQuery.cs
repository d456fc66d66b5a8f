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

    /// <summary>This view's products, in order, from the in-memory catalog (<see cref="CatalogSnapshot"/>).</summary>
    public IEnumerable<CatalogSnapshot.Entry> Apply(IEnumerable<CatalogSnapshot.Entry> products, DateOnly chinaToday, IReadOnlyDictionary<int, int>? soldUnits)
    {
        // As the database compared them: Chinese as written, English lower-cased (the terms are lower-cased).
        static bool Has(LocalizedText text, string term) =>
            text.Zh.Contains(term, StringComparison.Ordinal) || text.En.ToLowerInvariant().Contains(term, StringComparison.Ordinal);
        var q = products;
        foreach (var term in Terms)
            q = q.Where(p => Has(p.Name, term) || Has(p.Description, term) || Has(p.VillageName, term) || Has(p.CountyName, term));
        if (County is not null) q = q.Where(p => p.CountyCode == County);
        if (Village is not null) q = q.Where(p => p.SourcingVillageCodes.Contains(Village));
        if (Category is { } category) q = q.Where(p => p.Category == category);
        if (CertifiedOnly) q = q.Where(p => p.IsCertifiedOn(chinaToday));
        if (InStockOnly) q = q.Where(p => p.Card.InStock);

        var firstTerm = Terms.FirstOrDefault() ?? "";
        return Sort switch
        {
            CatalogSort.PriceAsc => q.OrderBy(p => p.Price.Fen).ThenBy(p => p.Id),
            CatalogSort.PriceDesc => q.OrderByDescending(p => p.Price.Fen).ThenBy(p => p.Id),
            CatalogSort.Newest => q.OrderByDescending(p => p.CreatedAtUtc).ThenBy(p => p.Id),
            CatalogSort.BestSelling => q.OrderByDescending(p => soldUnits?.GetValueOrDefault(p.Id) ?? 0).ThenBy(p => p.Id),
            // Relevance: a match in the name before a match elsewhere; then certified produce in stock first.
            _ => q.OrderBy(p => firstTerm != "" && Has(p.Name, firstTerm) ? 0 : 1)
                .ThenBy(p => p.IsCertifiedOn(chinaToday) ? 0 : 1)
                .ThenBy(p => p.Card.InStock ? 0 : 1)
                .ThenBy(p => p.Id),
        };
    }
}
