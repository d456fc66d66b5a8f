namespace ReliefMarket.Domain.Tests;

public class CartTests
{
    private static Cart NewCart() => new(Guid.NewGuid(), null, TestData.Now);

    [Fact]
    public void Adding_sums_quantities_within_stock_and_the_per_line_limit()
    {
        var cart = NewCart();
        Assert.Equal(3, cart.Add(1, 3, new Money(100), available: 50, TestData.Now));
        Assert.Equal(50, cart.Add(1, 60, new Money(100), available: 50, TestData.Now));
        Assert.Equal(99, cart.Add(2, 99, new Money(100), available: 500, TestData.Now));
        Assert.Equal(99, cart.Add(2, 1, new Money(100), available: 500, TestData.Now));
        Assert.Equal(2, cart.Lines.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100)]
    [InlineData(int.MaxValue)]
    public void Absurd_quantities_are_refused(int quantity)
    {
        var cart = NewCart();
        Assert.Throws<DomainException>(() => cart.Add(1, quantity, new Money(100), 500, TestData.Now));
        cart.Add(1, 1, new Money(100), 500, TestData.Now);
        Assert.Throws<DomainException>(() => cart.SetQuantity(1, quantity, 500, TestData.Now));
        Assert.Equal(1, cart.Lines.Single().Quantity);
    }

    [Fact]
    public void Sold_out_products_cannot_be_added_and_quantities_shrink_to_stock()
    {
        var cart = NewCart();
        Assert.Throws<DomainException>(() => cart.Add(1, 1, new Money(100), 0, TestData.Now));
        cart.Add(2, 5, new Money(100), 10, TestData.Now);
        cart.SetQuantity(2, 8, available: 4, TestData.Now);
        Assert.Equal(4, cart.Lines.Single().Quantity);
        cart.Remove(2, TestData.Now);
        Assert.Empty(cart.Lines);
    }

    [Fact]
    public void An_anonymous_cart_merges_into_the_account_cart()
    {
        var mine = NewCart();
        mine.Add(1, 90, new Money(100), 500, TestData.Now);
        var anonymous = NewCart();
        anonymous.Add(1, 20, new Money(100), 500, TestData.Now);
        anonymous.Add(2, 2, new Money(250), 500, TestData.Now);
        mine.MergeFrom(anonymous, TestData.Now);
        Assert.Equal([(1, 99), (2, 2)], mine.Lines.Select(l => (l.ProductId, l.Quantity)));
        Assert.Equal(new Money(250), mine.Lines[1].PriceWhenAdded);
    }
}
