namespace ReliefMarket.Domain.Tests;

public class ListingTests
{
    private static Product Certified()
    {
        var product = TestData.Product(1, TestData.Producer(1, TestData.Village(1, TestData.County())));
        product.SubmitForCertification();
        product.Certify("FP-2026-001", 1, TestData.Today.AddYears(1), TestData.Today);
        return product;
    }

    private static bool Revise(Product p, string? name = null, string? unit = null, ProductCategory? category = null, long? fen = null, string? description = null) =>
        p.Revise(name is null ? p.Name : TestData.T(name), description is null ? p.Description : TestData.T(description),
            category ?? p.Category, unit is null ? p.Unit : TestData.T(unit), fen is null ? p.Price : new Money(fen.Value));

    [Fact]
    public void Changing_what_the_certificate_vouches_for_sends_a_certified_listing_back_to_pending()
    {
        foreach (var change in new Func<Product, bool>[]
                 {
                     p => Revise(p, name: "新土豆"), p => Revise(p, unit: "10kg"),
                     p => Revise(p, category: ProductCategory.Herbs), p => Revise(p, fen: 4990),
                 })
        {
            var product = Certified();
            Assert.True(change(product));
            Assert.Equal(CertificationStatus.PendingCertification, product.CertificationStatus);
            Assert.False(product.IsCertifiedOn(TestData.Today));
        }
    }

    [Fact]
    public void The_description_and_stock_never_touch_certification()
    {
        var product = Certified();
        Assert.False(product.RevisionNeedsRecertification(product.Name, product.Unit, product.Category, product.Price));
        Assert.False(Revise(product, description: "更好吃"));
        product.SetStock(3);
        Assert.Equal(CertificationStatus.Certified, product.CertificationStatus);
    }

    [Fact]
    public void A_draft_is_revised_freely_and_stays_a_draft()
    {
        var product = TestData.Product(1, TestData.Producer(1, TestData.Village(1, TestData.County())));
        Assert.False(Revise(product, name: "新土豆", fen: 1));
        Assert.Equal(CertificationStatus.Draft, product.CertificationStatus);
        Assert.Equal(new Money(1), product.Price);
    }

    [Fact]
    public void A_bad_revision_changes_nothing()
    {
        var product = Certified();
        Assert.Throws<DomainException>(() => Revise(product, name: "新土豆", fen: 0));
        Assert.Throws<DomainException>(() => Revise(product, name: " "));
        Assert.Equal("土豆", product.Name.Zh);
        Assert.Equal(CertificationStatus.Certified, product.CertificationStatus);
    }

    [Fact]
    public void Photos_are_at_most_six_and_arranging_makes_the_first_the_cover()
    {
        Assert.Throws<DomainException>(() => new ProductPhoto(1, "a.webp", "a-t.webp", 10, 10, ProductPhoto.MaxPerListing, TestData.Now));
        var photos = Enumerable.Range(0, 3).Select(i => new ProductPhoto(1, $"{i}.webp", $"{i}t.webp", 10, 10, i, TestData.Now)).ToList();
        ProductPhoto.Arrange([photos[2], photos[0], photos[1]]);
        Assert.Equal([1, 2, 0], photos.Select(p => p.Position));
    }

    [Fact]
    public void A_stock_change_moves_stock_and_never_below_zero()
    {
        Assert.Throws<DomainException>(() => new StockChange(1, 0, 5, StockChangeReason.Count, null, "u", TestData.Now));
        Assert.Throws<DomainException>(() => new StockChange(1, -6, -1, StockChangeReason.Damaged, null, "u", TestData.Now));
        Assert.Equal(4, new StockChange(1, -1, 4, StockChangeReason.Damaged, " ", "u", TestData.Now).StockAfter);
    }
}
