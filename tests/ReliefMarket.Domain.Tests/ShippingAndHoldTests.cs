namespace ReliefMarket.Domain.Tests;

public class ShippingAndHoldTests
{
    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("138 1234 5678", true)]
    [InlineData("138-1234-5678", true)]
    [InlineData("12812345678", false)]
    [InlineData("1381234567", false)]
    [InlineData("138123456789", false)]
    [InlineData("+8613812345678", false)]
    [InlineData("１３８１２３４５６７８", true)]          // full-width, as Chinese input methods type them
    [InlineData("１３８－１２３４－５６７８", true)]
    [InlineData("", false)]
    public void Mobile_numbers_are_eleven_mainland_digits(string mobile, bool valid) =>
        Assert.Equal(valid, ShippingAddress.IsMobile(mobile));

    [Fact]
    public void An_address_names_every_wrong_field_and_keeps_clean_values()
    {
        Assert.Equal(["Recipient", "Mobile", "Street"], ShippingAddress.Problems(" ", "123", "广东省", "广州市", "番禺区", "路"));
        Assert.Equal(["Province"], ShippingAddress.Problems("张三", "13812345678", new string('省', 33), "广州市", "番禺区", "市桥街道光明路1号"));
        var address = ShippingAddress.Create(" 张三 ", "138-1234-5678", "广东省", "广州市", "番禺区", "市桥街道光明路1号 ");
        Assert.Equal(("张三", "13812345678", "市桥街道光明路1号"), (address.Recipient, address.Mobile, address.Street));
        Assert.Throws<DomainException>(() => ShippingAddress.Create("张三", "1", "广东省", "广州市", "番禺区", "光明路1号"));
    }

    [Fact]
    public void An_unpaid_order_holds_its_stock_for_thirty_minutes_unless_a_payment_is_on_its_way()
    {
        var order = TestData.OrderOf(1000, 1);
        Assert.Equal(TestData.Now.AddMinutes(30), order.ExpiresAtUtc);
        Assert.False(order.IsHoldExpired(TestData.Now.AddMinutes(29)));
        Assert.True(order.IsHoldExpired(TestData.Now.AddMinutes(30)));
        order.MarkAwaitingAsyncPayment();
        Assert.False(order.IsHoldExpired(TestData.Now.AddHours(5)));
        order.MarkPaid("pi_1", TestData.Now.AddHours(5));
        Assert.False(order.AwaitingAsyncPayment);
        Assert.False(order.IsHoldExpired(TestData.Now.AddHours(6)));
    }

    [Fact]
    public void Payment_sessions_attach_only_to_unpaid_orders()
    {
        var order = TestData.OrderOf(1000, 1);
        order.AttachPaymentSession("cs_1");
        order.AttachPaymentSession("cs_2");
        Assert.Equal("cs_2", order.PaymentSessionId);
        order.Cancel("expired", TestData.Now);
        Assert.Equal("expired", order.CancellationReason);
        Assert.Throws<DomainException>(() => order.AttachPaymentSession("cs_3"));
    }

    [Fact]
    public void An_order_refund_is_spread_over_lines_and_shipping_and_the_attributed_part_never_exceeds_it() =>
        Gen.Select(Gen.Long[1, 1_000_000], Gen.Int[1, 50], Gen.Long[0, 2_000], Gen.Long[1, long.MaxValue])
            .Sample((price, quantity, shipping, seed) =>
            {
                var order = TestData.OrderOf(price, quantity, (1, 7000), (2, 3000));
                typeof(Order).GetProperty(nameof(Order.ShippingFee))!.SetValue(order, new Money(shipping));
                typeof(Order).GetProperty(nameof(Order.Total))!.SetValue(order, order.Subtotal + new Money(shipping));
                order.MarkPaid("pi", TestData.Now);
                var refund = new Money(1 + seed % order.Total.Fen);
                var entries = AttributionRule.ForOrderRefund(order, refund, TestData.Now);
                var attributed = -entries.Sum(e => e.Amount.Fen);
                var full = AttributionRule.ForOrderRefund(order, order.Total, TestData.Now);
                return attributed <= refund.Fen && attributed >= refund.Fen - shipping - 1
                       && -full.Sum(e => e.Amount.Fen) == order.Subtotal.Fen;
            });
}
