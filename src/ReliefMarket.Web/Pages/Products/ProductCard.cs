using System.Linq.Expressions;

namespace ReliefMarket.Web.Pages.Products;

/// <summary>What a product card shows: what it is, where it is from, what it costs per unit.</summary>
public sealed record ProductCard(string Slug, LocalizedText Name, LocalizedText Unit, Money Price, string ImagePath,
    LocalizedText County, LocalizedText? Township, LocalizedText Village, bool Certified, bool InStock, string? CoverPhoto = null)
{
    /// <summary>"赫章县 · 河镇乡 · 河镇示范村"</summary>
    public string Origin => string.Join(" · ", new[] { County.Current, Township?.Current, Village.Current }.Where(s => !string.IsNullOrEmpty(s)));

    /// <summary>One SQL query for a whole list: the card is projected in the database, not assembled from navigations. It carries the listing's cover photo (position 0), when the producer uploaded one; the card falls back to the illustration.</summary>
    public static Expression<Func<Product, ProductCard>> Projection(DateOnly chinaToday, IQueryable<ProductPhoto> photos) => p => new ProductCard(
        p.Slug, p.Name, p.Unit, p.Price, p.ImagePath,
        p.Producer.Village.County.Name,
        p.Producer.Village.Township == null ? null : new LocalizedText(p.Producer.Village.Township.Name.Zh, p.Producer.Village.Township.Name.En),
        p.Producer.Village.Name,
        p.CertificationStatus == CertificationStatus.Certified && p.CertifiedUntil >= chinaToday,
        p.Stock > 0,
        photos.Where(f => f.ProductId == p.Id && f.Position == 0).Select(f => f.FileName).FirstOrDefault());
}
