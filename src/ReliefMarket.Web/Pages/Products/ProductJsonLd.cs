using System.Text.Json;

namespace ReliefMarket.Web.Pages.Products;

/// <summary>schema.org Product/Offer for search engines. The serializer escapes &lt; and &gt;, so product text cannot close the script tag.</summary>
public static class ProductJsonLd
{
    public static string For(Product product, string url, string imageUrl) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "Product",
        ["name"] = product.Name.Current,
        ["description"] = product.Description.Current,
        ["image"] = imageUrl,
        ["sku"] = product.Slug,
        ["offers"] = new Dictionary<string, object?>
        {
            ["@type"] = "Offer",
            ["url"] = url,
            ["priceCurrency"] = "CNY",
            ["price"] = product.Price.ToPlainString(),
            ["availability"] = product.Stock > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
        },
    });
}
