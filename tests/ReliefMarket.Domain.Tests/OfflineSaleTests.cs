using ReliefMarket.Domain.Attribution;

namespace ReliefMarket.Domain.Tests;

public class OfflineSaleTests
{
    private static (Product Product, Producer Producer, Dictionary<int, int> Counties) Listing(long priceFen = 1000)
    {
        var county = TestData.County(5);
        var producer = TestData.Producer(7, TestData.Village(1, county), (1, 7000), (2, 3000));
        var product = TestData.Product(3, producer, priceFen);
        product.SubmitForCertification();
        product.Certify("C-1", 5, TestData.Today, TestData.Today);
        return (product, producer, new Dictionary<int, int> { [1] = 5, [2] = 5 });
    }

    [Fact]
    public void A_line_at_the_reported_price_keeps_that_price_and_certification_on_the_day_of_sale()
    {
        var (product, producer, counties) = Listing(priceFen: 1000);

        var line = OrderLine.AtReportedPrice(product, producer, counties, 3, new Money(950), TestData.Today);
        var dayAfterCertificate = OrderLine.AtReportedPrice(product, producer, counties, 1, new Money(950), TestData.Today.AddDays(1));

        Assert.Equal((new Money(950), new Money(2850)), (line.UnitPrice, line.Amount));
        Assert.True(line.CertifiedAtSale);
        Assert.False(dayAfterCertificate.CertifiedAtSale);
        Assert.Throws<DomainException>(() => OrderLine.AtReportedPrice(product, producer, counties, 1, Money.Zero, TestData.Today));
    }

    [Fact]
    public void An_offline_sale_is_paid_at_the_time_of_sale_without_shipping_and_attributes_its_whole_total()
    {
        var (product, producer, counties) = Listing();
        var line = OrderLine.AtReportedPrice(product, producer, counties, 3, new Money(999), TestData.Today).WithId(11L);
        var soldAt = TestData.Now.AddHours(-5);

        var order = Order.SoldOffline(Guid.NewGuid(), Channel.VendingCabinet, [line], soldAt, "device:1:sale-1");

        Assert.Equal((OrderStatus.Paid, soldAt, Money.Zero, new Money(2997)), (order.Status, order.PaidAtUtc, order.ShippingFee, order.Total));
        Assert.Null(order.CustomerId);
        Assert.False(order.MarkPaid("device:1:sale-1", TestData.Now));
        var entries = AttributionRule.ForPaidOrder(order);
        Assert.Equal(2997, entries.Sum(e => e.AmountFen));
        Assert.All(entries, e => Assert.Equal(Channel.VendingCabinet, e.Channel));
    }

    [Fact]
    public void An_online_order_cannot_be_reported_as_sold_offline()
    {
        var (product, producer, counties) = Listing();
        var line = OrderLine.AtReportedPrice(product, producer, counties, 1, new Money(1000), TestData.Today);
        Assert.Throws<DomainException>(() => Order.SoldOffline(Guid.NewGuid(), Channel.Online, [line], TestData.Now, "x"));
    }
}
