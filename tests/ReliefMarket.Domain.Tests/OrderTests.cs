namespace ReliefMarket.Domain.Tests;

public class OrderTests
{
    [Fact]
    public void A_line_snapshots_name_price_producer_shares_and_certification()
    {
        var county = TestData.County(5);
        var home = TestData.Village(1, county);
        var producer = TestData.Producer(7, home, (1, 6000), (2, 4000));
        var product = TestData.Product(3, producer, priceFen: 1250);
        product.SubmitForCertification();
        product.Certify("C-1", 5, TestData.Today, TestData.Today);

        var line = OrderLine.Snapshot(product, producer, new Dictionary<int, int> { [1] = 5, [2] = 5 }, 4, TestData.Today);
        product.ChangePrice(new Money(9999));
        producer.SetSourcingShares([new(1, 10_000)]);

        Assert.Equal(new Money(1250), line.UnitPrice);
        Assert.Equal(new Money(5000), line.Amount);
        Assert.Equal("土豆", line.ProductName.Zh);
        Assert.True(line.CertifiedAtSale);
        Assert.Equal([new LineShare(1, 5, 6000), new LineShare(2, 5, 4000)], line.Shares);
    }

    [Fact]
    public void Uncertified_listings_sell_but_are_not_aid_attributed()
    {
        var order = TestData.OrderOf(1000, 1);
        Assert.False(order.Lines[0].CertifiedAtSale);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_000)]
    public void Quantities_are_bounded(int quantity) =>
        Assert.Throws<DomainException>(() => TestData.OrderOf(1000, quantity));

    [Fact]
    public void Totals_include_shipping()
    {
        var order = TestData.OrderOf(3990, 3);
        Assert.Equal(new Money(11970), order.Subtotal);
        Assert.Equal(new Money(12970), order.Total);
        Assert.Equal(OrderStatus.PendingPayment, order.Status);
    }

    [Fact]
    public void MarkPaid_is_idempotent_for_the_same_reference_only()
    {
        var order = TestData.OrderOf(3990, 1);
        Assert.True(order.MarkPaid("cs_1", TestData.Now));
        Assert.False(order.MarkPaid("cs_1", TestData.Now.AddMinutes(5)));
        Assert.Equal(TestData.Now, order.PaidAtUtc);
        Assert.Throws<DomainException>(() => order.MarkPaid("cs_2", TestData.Now));
        Assert.Throws<DomainException>(() => order.MarkPaid(" ", TestData.Now));
    }

    [Fact]
    public void Happy_path_paid_shipped_delivered()
    {
        var order = TestData.OrderOf(3990, 1);
        Assert.Throws<DomainException>(() => Shipment.ForPaidOrder(order, TestData.Now));
        order.MarkPaid("cs_1", TestData.Now);
        var shipments = Shipment.ForPaidOrder(order, TestData.Now);
        Assert.False(order.DeliverIfAllDelivered(shipments, TestData.Now));
        shipments[0].Ship("SF", "SF123", TestData.Now);
        Assert.True(order.ShipIfAllShipped(shipments, TestData.Now));
        shipments[0].MarkDelivered(TestData.Now);
        Assert.True(order.DeliverIfAllDelivered(shipments, TestData.Now));
        Assert.Equal(OrderStatus.Delivered, order.Status);
        Assert.Throws<DomainException>(() => order.Cancel("test", TestData.Now));
    }

    [Fact]
    public void Only_unpaid_orders_can_be_cancelled_and_cancelled_orders_cannot_be_paid()
    {
        var paid = TestData.OrderOf(3990, 1);
        paid.MarkPaid("cs_1", TestData.Now);
        Assert.Throws<DomainException>(() => paid.Cancel("test", TestData.Now));

        var unpaid = TestData.OrderOf(3990, 1);
        unpaid.Cancel("test", TestData.Now);
        Assert.Equal(OrderStatus.Cancelled, unpaid.Status);
        Assert.Throws<DomainException>(() => unpaid.MarkPaid("cs_1", TestData.Now));
        Assert.Throws<DomainException>(() => unpaid.Cancel("test", TestData.Now));
    }

    [Fact]
    public void Refunds_go_partial_then_full_and_never_beyond_the_total()
    {
        var order = TestData.OrderOf(1000, 2); // total 3000 with shipping
        Assert.Throws<DomainException>(() => order.RecordRefund(new Money(100)));
        order.MarkPaid("cs_1", TestData.Now);
        order.RecordRefund(new Money(1000));
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        Assert.Throws<DomainException>(() => order.RecordRefund(new Money(2001)));
        Assert.Throws<DomainException>(() => order.RecordRefund(Money.Zero));
        order.RecordRefund(new Money(2000));
        Assert.Equal(OrderStatus.Refunded, order.Status);
        Assert.Throws<DomainException>(() => order.RecordRefund(new Money(1)));
    }
}
