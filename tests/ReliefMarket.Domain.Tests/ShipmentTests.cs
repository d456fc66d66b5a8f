namespace ReliefMarket.Domain.Tests;

public class ShipmentTests
{
    /// <summary>A paid order with lines from producers 7 and 8.</summary>
    private static Order TwoProducerOrder()
    {
        var county = TestData.County();
        var village = TestData.Village(1, county);
        var counties = new Dictionary<int, int> { [1] = county.Id };
        var a = TestData.Producer(7, village);
        var b = TestData.Producer(8, village);
        var lines = new[]
        {
            OrderLine.Snapshot(TestData.Product(3, a), a, counties, 2, TestData.Today).WithId(11L),
            OrderLine.Snapshot(TestData.Product(4, a), a, counties, 1, TestData.Today).WithId(12L),
            OrderLine.Snapshot(TestData.Product(5, b), b, counties, 1, TestData.Today).WithId(13L),
        };
        var order = new Order(Guid.NewGuid(), "user-1", Channel.Online, lines, new Money(1000), TestData.Now);
        order.MarkPaid("pi_1", TestData.Now);
        return order;
    }

    [Fact]
    public void A_paid_order_makes_one_shipment_per_producer()
    {
        var order = TwoProducerOrder();
        var shipments = Shipment.ForPaidOrder(order, TestData.Now);
        Assert.Equal([7, 8], shipments.Select(s => s.ProducerId));
        Assert.All(shipments, s => Assert.Equal((order.Id, ShipmentStatus.ToPack), (s.OrderId, s.Status)));
    }

    [Fact]
    public void The_order_ships_when_every_shipment_has_shipped_and_is_delivered_when_every_one_arrived()
    {
        var order = TwoProducerOrder();
        var shipments = Shipment.ForPaidOrder(order, TestData.Now);
        shipments[0].Ship("SF", " sf1234567890 ", TestData.Now.AddHours(1));
        Assert.Equal(("SF", "SF1234567890"), (shipments[0].Carrier, shipments[0].TrackingNumber));
        Assert.False(order.ShipIfAllShipped(shipments, TestData.Now.AddHours(1)));
        Assert.Equal(OrderStatus.Paid, order.Status);

        shipments[0].MarkDelivered(TestData.Now.AddHours(30));
        Assert.False(order.DeliverIfAllDelivered(shipments, TestData.Now.AddHours(30)));
        shipments[1].Ship("ZTO", "ZT-0001", TestData.Now.AddHours(2));
        Assert.True(order.ShipIfAllShipped(shipments, TestData.Now.AddHours(2)));
        Assert.Equal((OrderStatus.Shipped, TestData.Now.AddHours(2)), (order.Status, order.ShippedAtUtc));
        Assert.False(order.DeliverIfAllDelivered(shipments, TestData.Now.AddHours(40)));
        shipments[1].MarkDelivered(TestData.Now.AddHours(50));
        Assert.True(order.DeliverIfAllDelivered(shipments, TestData.Now.AddHours(50)));
        Assert.Equal(OrderStatus.Delivered, order.Status);
    }

    [Fact]
    public void Shipments_move_forward_only_and_need_a_carrier_and_a_usable_tracking_number()
    {
        var shipment = Shipment.ForPaidOrder(TwoProducerOrder(), TestData.Now)[0];
        Assert.Throws<DomainException>(() => shipment.MarkDelivered(TestData.Now));
        Assert.Throws<DomainException>(() => shipment.Ship(" ", "SF1", TestData.Now));
        Assert.Throws<DomainException>(() => shipment.Ship("SF", "", TestData.Now));
        Assert.Throws<DomainException>(() => shipment.Ship("SF", new string('1', 500), TestData.Now));
        Assert.Throws<DomainException>(() => shipment.Ship("SF", "SF 1<script>", TestData.Now));
        Assert.Equal(ShipmentStatus.ToPack, shipment.Status);
        shipment.Ship("SF", "SF1", TestData.Now);
        Assert.Throws<DomainException>(() => shipment.Ship("SF", "SF2", TestData.Now));
        Assert.Throws<DomainException>(() => shipment.MarkDelivered(TestData.Now.AddMinutes(-1)));
        shipment.MarkDelivered(TestData.Now);
        Assert.Throws<DomainException>(() => shipment.MarkDelivered(TestData.Now));
    }

    [Fact]
    public void The_order_follows_only_a_complete_set_of_its_own_shipments()
    {
        var order = TwoProducerOrder();
        var shipments = Shipment.ForPaidOrder(order, TestData.Now);
        foreach (var s in shipments) s.Ship("SF", "SF1", TestData.Now);
        Assert.Throws<DomainException>(() => order.ShipIfAllShipped([shipments[0]], TestData.Now));
        Assert.Throws<DomainException>(() => order.ShipIfAllShipped([.. shipments, shipments[0]], TestData.Now));
        var other = Shipment.ForPaidOrder(TwoProducerOrder(), TestData.Now);
        foreach (var s in other) s.Ship("SF", "SF1", TestData.Now);
        Assert.Throws<DomainException>(() => order.ShipIfAllShipped(other, TestData.Now));
        Assert.Equal(OrderStatus.Paid, order.Status);
    }

    [Fact]
    public void A_partly_refunded_order_still_ships_and_arrives_and_a_wholly_refunded_one_does_not_ship()
    {
        var order = TwoProducerOrder();
        var shipments = Shipment.ForPaidOrder(order, TestData.Now);
        order.RecordRefund(new Money(1000));
        foreach (var s in shipments) s.Ship("SF", "SF1", TestData.Now);
        Assert.True(order.ShipIfAllShipped(shipments, TestData.Now));
        order.RecordRefund(new Money(500));
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        foreach (var s in shipments) s.MarkDelivered(TestData.Now);
        Assert.True(order.DeliverIfAllDelivered(shipments, TestData.Now));

        var refunded = TwoProducerOrder();
        var parcels = Shipment.ForPaidOrder(refunded, TestData.Now);
        refunded.RecordRefund(refunded.Total);
        foreach (var s in parcels) s.Ship("SF", "SF1", TestData.Now);
        Assert.Throws<DomainException>(() => refunded.ShipIfAllShipped(parcels, TestData.Now));
        Assert.Equal(OrderStatus.Refunded, refunded.Status);
    }
}
