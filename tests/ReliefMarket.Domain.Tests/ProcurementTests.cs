using ReliefMarket.Domain.Procurement;

namespace ReliefMarket.Domain.Tests;

public class ProcurementTests
{
    private static readonly ShippingAddress Canteen = ShippingAddress.Create("李主任", "13900001111", "广东省", "广州市", "番禺区", "清河东路 1 号");

    [Theory]
    [InlineData("91440113MA5ABCDE1X", true)]
    [InlineData("91440113 ma5a bcde1x", true)]
    [InlineData("440113123456789", true)]
    [InlineData("12345", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("91440113MA5ABCDE1X-", false)]
    public void A_taxpayer_id_has_15_to_20_digits_or_letters(string? id, bool valid)
    {
        Assert.Equal(valid, InvoiceDetails.IsTaxpayerId(id));
        if (valid) Assert.Matches("^[0-9A-Z]{15,20}$", InvoiceDetails.Create("某单位", id).TaxpayerId);
        else Assert.Throws<DomainException>(() => InvoiceDetails.Create("某单位", id));
    }

    [Fact]
    public void A_unit_s_target_is_its_share_of_the_budget_rounded_down_and_bad_figures_are_refused()
    {
        var invoice = InvoiceDetails.Create("某饭堂", "91440113MA5ABCDE1X");
        var unit = new WorkUnit("某饭堂", WorkUnitKind.CompanyCanteen, Canteen, invoice, new Money(10_000_001), 1_000, TestData.Now);
        Assert.Equal(new Money(1_000_000), unit.Target);
        Assert.Throws<DomainException>(() => new WorkUnit("某饭堂", WorkUnitKind.CompanyCanteen, Canteen, invoice, new Money(-1), 1_000, TestData.Now));
        Assert.Throws<DomainException>(() => new WorkUnit("某饭堂", WorkUnitKind.CompanyCanteen, Canteen, invoice, Money.Zero, 10_001, TestData.Now));
        Assert.Throws<DomainException>(() => new WorkUnit(" ", WorkUnitKind.CompanyCanteen, Canteen, invoice, Money.Zero, 0, TestData.Now));
    }

    [Fact]
    public void A_procurement_order_waits_for_its_transfer_past_the_hold_and_is_paid_once_per_reference()
    {
        var county = TestData.County(5);
        var producer = TestData.Producer(7, TestData.Village(1, county), (1, 10_000));
        var line = OrderLine.Snapshot(TestData.Product(3, producer), producer, new Dictionary<int, int> { [1] = 5 }, 500, TestData.Today);

        var order = Order.ForProcurement(Guid.NewGuid(), [line], Canteen, TestData.Now, TestData.Now.AddDays(14));

        Assert.Equal((Channel.Procurement, (string?)null, Money.Zero, OrderStatus.PendingPayment), (order.Channel, order.CustomerId, order.ShippingFee, order.Status));
        Assert.False(order.IsHoldExpired(TestData.Now.AddDays(10)));
        Assert.True(order.MarkPaid("bank:ICBC-1", TestData.Now.AddDays(3)));
        Assert.False(order.MarkPaid("bank:ICBC-1", TestData.Now.AddDays(4)));
        Assert.Throws<DomainException>(() => order.MarkPaid("bank:ICBC-2", TestData.Now.AddDays(4)));
    }
}
