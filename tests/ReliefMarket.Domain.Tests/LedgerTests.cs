using ReliefMarket.Domain.Ledger;

namespace ReliefMarket.Domain.Tests;

public class LedgerTests
{
    [Fact]
    public void An_entry_whose_debits_and_credits_differ_cannot_exist() =>
        Assert.Throws<DomainException>(() => new JournalEntry(CauseReference.OrderPaid(Guid.NewGuid()), TestData.Now,
            [JournalLine.Debit(Account.PaymentClearing, new Money(100)), JournalLine.Credit(Account.ShippingIncome, new Money(99))]));

    [Fact]
    public void Lines_are_positive_and_only_payable_names_a_producer()
    {
        Assert.Throws<DomainException>(() => JournalLine.Debit(Account.PaymentClearing, Money.Zero));
        Assert.Throws<DomainException>(() => JournalLine.Credit(Account.PaymentClearing, new Money(-5)));
        Assert.Throws<DomainException>(() => JournalLine.Credit(Account.ProducerPayable, new Money(5)));
        Assert.Throws<DomainException>(() => JournalLine.Credit(Account.ShippingIncome, new Money(5), producerId: 3));
    }

    [Fact]
    public void A_paid_order_debits_clearing_and_credits_each_producer_and_shipping()
    {
        var order = Build([(7, 1000, 2, 2), (8, 500, 1, 1), (7, 300, 1, 3)], shippingFen: 1000);
        order.MarkPaid("cs_1", TestData.Now);

        var entry = Postings.ForPaidOrder(order);

        Assert.Equal($"order-paid:{order.Id:N}", entry.CauseKey);
        Assert.Equal(CauseKind.OrderPaid, entry.CauseKind);
        Assert.Equal(
            [(Account.PaymentClearing, (int?)null, 3800L, 0L), (Account.ProducerPayable, 7, 0, 2300), (Account.ProducerPayable, 8, 0, 500), (Account.ShippingIncome, null, 0, 1000)],
            entry.Lines.Select(l => (l.Account, l.ProducerId, l.DebitFen, l.CreditFen)));
    }

    [Fact]
    public void A_refund_reverses_the_sale_split_like_the_attribution()
    {
        var order = Build([(7, 1000, 1, 1), (8, 1000, 1, 2)], shippingFen: 1000);
        order.MarkPaid("cs_1", TestData.Now);
        order.RecordRefund(new Money(1500));

        var entry = Postings.ForRefund(order, new Money(1500), TestData.Now.AddDays(1));

        Assert.Equal($"refund:{order.Id:N}:1500", entry.CauseKey);
        Assert.Equal(
            [(Account.ProducerPayable, (int?)7, 500L, 0L), (Account.ProducerPayable, 8, 500, 0), (Account.ShippingIncome, null, 500, 0), (Account.PaymentClearing, null, 0, 1500)],
            entry.Lines.Select(l => (l.Account, l.ProducerId, l.DebitFen, l.CreditFen)));
    }

    [Fact]
    public void An_unapplied_payment_passes_through_clearing_and_leaves_it_unchanged()
    {
        var entry = Postings.ForUnappliedPaymentRefund(Guid.NewGuid(), "pi_1", new Money(4990), TestData.Now);
        Assert.Equal(0, entry.Lines.Where(l => l.Account == Account.PaymentClearing).Sum(l => l.DebitFen - l.CreditFen));
    }

    // Orders of 1–6 lines from producers 1–4, each sourcing from 1–3 villages, with any shipping fee.
    private static readonly Gen<Order> Orders =
        Gen.Select(Gen.Select(Gen.Int[1, 4], Gen.Long[1, 2_000_000], Gen.Int[1, 50], Gen.Int[1, 3]).Array[1, 6], Gen.Long[0, 100_000])
            .Select((lines, shipping) => Build(lines.Select(l => (l.Item1, l.Item2, l.Item3, l.Item4)).ToArray(), shipping));

    [Fact]
    public void Every_posting_balances_and_payables_equal_attribution_per_producer() =>
        Gen.Select(Orders, Gen.Long[1, long.MaxValue].Array[0, 4]).Sample((order, refundSeeds) =>
        {
            order.MarkPaid("cs", TestData.Now);
            var entries = new List<JournalEntry> { Postings.ForPaidOrder(order) };
            var attribution = AttributionRule.ForPaidOrder(order).ToList();
            foreach (var seed in refundSeeds)
            {
                var left = order.Total - order.Refunded;
                if (left.Fen == 0) break;
                var amount = new Money(1 + seed % left.Fen);
                order.RecordRefund(amount);
                var at = TestData.Now.AddHours(entries.Count);
                attribution.AddRange(AttributionRule.ForOrderRefund(order, amount, at));
                entries.Add(Postings.ForRefund(order, amount, at));
            }
            var lines = entries.SelectMany(e => e.Lines).ToList();
            var payable = lines.Where(l => l.Account == Account.ProducerPayable)
                .GroupBy(l => l.ProducerId!.Value).ToDictionary(g => g.Key, g => g.Sum(l => l.CreditFen - l.DebitFen));
            var attributed = attribution.GroupBy(e => e.ProducerId).ToDictionary(g => g.Key, g => g.Sum(e => e.AmountFen));
            var clearing = lines.Where(l => l.Account == Account.PaymentClearing).Sum(l => l.DebitFen - l.CreditFen);
            return entries.All(e => e.Lines.Sum(l => l.DebitFen) == e.Lines.Sum(l => l.CreditFen))
                   && attributed.All(a => payable.GetValueOrDefault(a.Key) == a.Value)
                   && payable.All(p => attributed.GetValueOrDefault(p.Key) == p.Value)
                   && clearing == (order.Total - order.Refunded).Fen
                   && entries.Select(e => e.CauseKey).Distinct().Count() == entries.Count;
        });

    /// <summary>An order whose lines are (producer, unit price, quantity, number of villages).</summary>
    private static Order Build((int producer, long priceFen, int quantity, int villages)[] lines, long shippingFen)
    {
        var county = TestData.County();
        var orderLines = lines.Select((l, i) =>
        {
            var villages = Enumerable.Range(1, l.villages).Select(v => TestData.Village(l.producer * 10 + v, county)).ToList();
            var bp = new Money(10_000).Allocate(villages.Select(_ => 1L).ToList());
            var producer = TestData.Producer(l.producer, villages[0], villages.Select((v, j) => (v.Id, (int)bp[j].Fen)).ToArray());
            var product = TestData.Product(100 + i, producer, l.priceFen);
            var counties = villages.ToDictionary(v => v.Id, _ => county.Id);
            return OrderLine.Snapshot(product, producer, counties, l.quantity, TestData.Today).WithId((long)(i + 1));
        }).ToList();
        return new Order(Guid.NewGuid(), "user-1", Channel.Online, orderLines, new Money(shippingFen), TestData.Now);
    }
}
