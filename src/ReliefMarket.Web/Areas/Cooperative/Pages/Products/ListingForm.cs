using System.Globalization;

namespace ReliefMarket.Web.Areas.Cooperative.Pages.Products;

/// <summary>
/// What the listing form posts, as typed. Numbers arrive as text and are parsed here (price with <see cref="Money"/>),
/// so every message is one of ours, in the member's language, rather than the model binder's English.
/// </summary>
public sealed class ListingForm
{
    public const int MaxName = 100;
    public const int MaxUnit = 40;
    public const int MaxDescription = 2000;

    public string? NameZh { get; set; }
    public string? NameEn { get; set; }
    public string? UnitZh { get; set; }
    public string? UnitEn { get; set; }
    public string? DescriptionZh { get; set; }
    public string? DescriptionEn { get; set; }
    public ProductCategory Category { get; set; }
    public string? Price { get; set; }
    public string? Stock { get; set; }

    public sealed record Parsed(LocalizedText Name, LocalizedText Unit, LocalizedText Description, ProductCategory Category, Money Price, int Stock);

    public static ListingForm From(Product p) => new()
    {
        NameZh = p.Name.Zh, NameEn = p.Name.En, UnitZh = p.Unit.Zh, UnitEn = p.Unit.En, DescriptionZh = p.Description.Zh,
        DescriptionEn = p.Description.En, Category = p.Category, Price = p.Price.ToPlainString(), Stock = p.Stock.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The parsed listing, or null with one message key per field that is wrong.</summary>
    public Parsed? Parse(bool withStock, Dictionary<string, string> errors)
    {
        Text(NameZh, MaxName, nameof(NameZh), required: true, errors);
        Text(NameEn, MaxName, nameof(NameEn), required: false, errors);
        Text(UnitZh, MaxUnit, nameof(UnitZh), required: true, errors);
        Text(UnitEn, MaxUnit, nameof(UnitEn), required: false, errors);
        Text(DescriptionZh, MaxDescription, nameof(DescriptionZh), required: false, errors);
        Text(DescriptionEn, MaxDescription, nameof(DescriptionEn), required: false, errors);
        if (!Enum.IsDefined(Category)) errors[nameof(Category)] = "Coop.Error.Category";
        if (!Money.TryParse(Price, allowNegative: false, out var price, out var priceError) || price.Fen <= 0)
            errors[nameof(Price)] = priceError switch
            {
                MoneyParseError.TooManyDecimals => "Coop.Error.PriceDecimals",
                MoneyParseError.TooLarge => "Coop.Error.PriceTooLarge",
                _ => "Coop.Error.Price",
            };
        var stock = 0;
        if (withStock && (!int.TryParse(Stock, NumberStyles.None, CultureInfo.InvariantCulture, out stock) || stock > Product.MaxStock))
            errors[nameof(Stock)] = "Coop.Error.Stock";
        if (errors.Count > 0) return null;
        return new(new(NameZh!.Trim(), (NameEn ?? "").Trim()), new(UnitZh!.Trim(), (UnitEn ?? "").Trim()),
            new((DescriptionZh ?? "").Trim(), (DescriptionEn ?? "").Trim()), Category, price, stock);
    }

    private static void Text(string? value, int max, string field, bool required, Dictionary<string, string> errors)
    {
        if (required && string.IsNullOrWhiteSpace(value)) errors[field] = "Coop.Error.Required";
        else if (value?.Trim().Length > max) errors[field] = "Coop.Error.TooLong";
    }
}
