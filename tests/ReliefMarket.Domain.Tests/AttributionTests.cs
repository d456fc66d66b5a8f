namespace ReliefMarket.Domain.Tests;

public class AttributionTests
{
    [Fact]
    public void A_paid_line_splits_between_villages_by_sourcing_share()
    {
        var order = TestData.OrderOf(1001, 1, (1, 6000), (2, 4000));
        order.MarkPaid("cs_1", TestData.Now);

        var entries = AttributionRule.ForPaidOrder(order);

        Assert.Equal([601L, 400L], entries.Select(e => e.Amount.Fen));
        Assert.All(entries, e =>
        {
            Assert.Equal(order.Id, e.OrderId);
            Assert.Equal(11L, e.OrderLineId);
            Assert.Equal(7, e.ProducerId);
            Assert.Equal(1, e.CountyId);
            Assert.Equal(Channel.Online, e.Channel);
            Assert.Equal(AttributionKind.Sale, e.Kind);
            Assert.Equal(TestData.Now, e.OccurredAtUtc);
            Assert.False(e.CertifiedAtSale);
        });
    }

    [Fact]
    public void Sale_entries_carry_the_line_units_split_like_the_money_and_refunds_carry_none()
    {
        var order = TestData.OrderOf(1001, 3, (1, 6000), (2, 4000));
        order.MarkPaid("cs_1", TestData.Now);

        var sale = AttributionRule.ForPaidOrder(order);
        var refund = AttributionRule.ForRefund(order, order.Lines[0], order.Lines[0].Amount, TestData.Now);

        Assert.Equal([2, 1], sale.Select(e => e.Units));
        Assert.All(refund, e => Assert.Equal(0, e.Units));
    }

    [Fact]
    public void Each_order_is_counted_by_one_sale_entry_and_in_the_aid_view_by_one_certified_entry()
    {
        var county = TestData.County();
        var producer = TestData.Producer(7, TestData.Village(1, county), (1, 5000), (2, 5000));
        var counties = producer.SourcingShares.ToDictionary(s => s.VillageId, _ => county.Id);
        var uncertified = TestData.Product(3, producer);
        var certified = TestData.Product(4, producer);
        certified.SubmitForCertification();
        certified.Certify("CERT-1", county.Id, TestData.Today.AddYears(1), TestData.Today);
        Order Paid(params Product[] products)
        {
            var lines = products.Select((p, i) => OrderLine.Snapshot(p, producer, counties, 1, TestData.Today).WithId(20L + i)).ToList();
            var order = new Order(Guid.NewGuid(), "user-1", Channel.Online, lines, Money.Zero, TestData.Now);
            order.MarkPaid("cs_1", TestData.Now);
            return order;
        }

        // An uncertified line first: the order's first entry counts it, the certified line's first entry counts it in the aid view.
        var mixed = AttributionRule.ForPaidOrder(Paid(uncertified, certified));
        Assert.Equal([true, false, false, false], mixed.Select(e => e.CountsOrder));
        Assert.Equal([false, false, true, false], mixed.Select(e => e.CountsAidOrder));
        // Nothing certified: the order is not in the aid view at all.
        var plain = AttributionRule.ForPaidOrder(Paid(uncertified));
        Assert.Equal(1, plain.Count(e => e.CountsOrder));
        Assert.DoesNotContain(plain, e => e.CountsAidOrder);
        // Refunds never count an order.
        var order = Paid(certified);
        Assert.DoesNotContain(AttributionRule.ForOrderRefund(order, order.Total, TestData.Now), e => e.CountsOrder || e.CountsAidOrder);
    }

    [Theory]
    [InlineData("2026-03-31T15:59:59Z", 20260331)] // 23:59:59 in China
    [InlineData("2026-03-31T16:00:00Z", 20260401)] // midnight in China: the next day, month and quarter
    [InlineData("2026-12-31T16:00:00Z", 20270101)]
    public void Entries_know_their_China_time_date(string utc, int chinaDate) =>
        Assert.Equal(chinaDate, AttributionEntry.DateKey(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal)));

    [Fact]
    public void Unpaid_orders_are_not_attributed() =>
        Assert.Throws<DomainException>(() => AttributionRule.ForPaidOrder(TestData.OrderOf(1000, 1)));

    [Fact]
    public void A_full_refund_negates_the_sale_entries_exactly()
    {
        var order = TestData.OrderOf(3333, 3, (1, 3333), (2, 3333), (3, 3334));
        order.MarkPaid("cs_1", TestData.Now);
        var sale = AttributionRule.ForPaidOrder(order);
        var refund = AttributionRule.ForRefund(order, order.Lines[0], order.Lines[0].Amount, TestData.Now.AddDays(1));

        Assert.Equal(sale.Select(e => (e.VillageId, -e.Amount.Fen)), refund.Select(e => (e.VillageId, e.Amount.Fen)));
        Assert.All(refund, e => Assert.Equal(AttributionKind.Refund, e.Kind));
        Assert.Equal(0, sale.Concat(refund).Sum(e => e.Amount.Fen));
    }

    [Fact]
    public void A_refund_cannot_exceed_the_line() =>
        Assert.Throws<DomainException>(() =>
        {
            var order = TestData.OrderOf(1000, 1);
            order.MarkPaid("cs_1", TestData.Now);
            AttributionRule.ForRefund(order, order.Lines[0], new Money(1001), TestData.Now);
        });

    private static readonly Gen<(int villageId, int bp)[]> Shares =
        Gen.Int[1, 10_000].Array[1, 8].Select(weights =>
        {
            // Turn arbitrary weights into basis points that sum to exactly 10,000, each at least 1.
            var bp = new Money(10_000 - weights.Length).Allocate(weights.Select(w => (long)w).ToList()).Select(m => (int)m.Fen + 1).ToArray();
            return bp.Select((b, i) => (i + 1, b)).ToArray();
        });

    [Fact]
    public void Entries_sum_to_the_line_amount_for_any_shares_and_amounts() =>
        Gen.Select(Gen.Long[1, 10_000_000], Gen.Int[1, OrderLine.MaxQuantity], Shares, Gen.Long[1, 10_000_000])
            .Sample((price, quantity, shares, refundSeed) =>
            {
                var order = TestData.OrderOf(price, quantity, shares);
                order.MarkPaid("cs", TestData.Now);
                var line = order.Lines[0];
                var sale = AttributionRule.ForPaidOrder(order);
                var refundAmount = new Money(1 + refundSeed % line.Amount.Fen);
                var refund = AttributionRule.ForRefund(order, line, refundAmount, TestData.Now);
                return sale.Sum(e => e.Amount.Fen) == line.Amount.Fen
                       && sale.Sum(e => e.Units) == quantity && sale.All(e => e.Units >= 0)
                       && refund.Sum(e => e.Amount.Fen) == -refundAmount.Fen
                       && sale.Count == shares.Length
                       && sale.All(e => e.Amount.Fen >= 0) && refund.All(e => e.Amount.Fen <= 0);
            });
}
