using CsCheck;
using ReliefMarket.Domain.Ledger;
using ReliefMarket.Domain.Settlement;

namespace ReliefMarket.Domain.Tests;

public class SettlementTests
{
    [Fact]
    public void Weeks_start_on_Monday_and_months_on_the_first_in_China_time()
    {
        // Sunday 2026-03-15 17:00 UTC is Monday 01:00 in China: the week began that Monday 00:00 China = Sunday 16:00 UTC.
        var start = SettlementPeriod.StartOf(new DateTime(2026, 3, 15, 17, 0, 0, DateTimeKind.Utc), PeriodLength.Weekly);
        Assert.Equal(new DateTime(2026, 3, 15, 16, 0, 0, DateTimeKind.Utc), start);
        Assert.Equal(start.AddDays(7), SettlementPeriod.EndOf(start, PeriodLength.Weekly));
        var month = SettlementPeriod.StartOf(new DateTime(2026, 2, 28, 16, 30, 0, DateTimeKind.Utc), PeriodLength.Monthly);
        Assert.Equal(new DateTime(2026, 2, 28, 16, 0, 0, DateTimeKind.Utc), month);
        Assert.Equal(new DateTime(2026, 3, 31, 16, 0, 0, DateTimeKind.Utc), SettlementPeriod.EndOf(month, PeriodLength.Monthly));
        Assert.Throws<DomainException>(() => new SettlementPeriod(start.AddHours(1), PeriodLength.Weekly, 0, 7));
        // Days, which periods are summed from, start at 00:00 China time too: 15:59 UTC is still the day before.
        Assert.Equal(start, SettlementDay.StartOf(start.AddHours(23).AddMinutes(59)));
        Assert.Equal(start.AddDays(-1), SettlementDay.StartOf(start.AddTicks(-1)));
        Assert.Equal(month, SettlementDay.StartOf(month));
    }

    [Fact]
    public void Nothing_to_pay_is_carried_not_approved_and_a_paid_statement_is_paid_once()
    {
        var carried = SettlementStatement.FromLines(1, 7, [new StatementLine(7, StatementLineKind.Carried, new Money(-500))]);
        Assert.Equal((-500L, -500L), (carried.PayableFen, carried.CarriedOutFen));
        Assert.Throws<DomainException>(() => carried.Approve("admin", TestData.Now));

        var owed = SettlementStatement.FromLines(2, 7, [new StatementLine(7, StatementLineKind.Sale, new Money(900), Guid.NewGuid(), 1, 1)]);
        Assert.Throws<DomainException>(() => owed.MarkPaid("bank-1", TestData.Now));
        owed.Approve("admin", TestData.Now);
        Assert.True(owed.MarkPaid("bank-1", TestData.Now));
        Assert.False(owed.MarkPaid("bank-1", TestData.Now));
        Assert.Throws<DomainException>(() => owed.MarkPaid("bank-2", TestData.Now));
    }

    [Fact]
    public void A_statement_is_in_a_batch_once_and_a_failed_line_needs_a_reason()
    {
        PayoutLine Line(long statement) => new(statement, 7, new Money(100), "社", "农行", "6228480012345678", PayoutLine.ReferenceFor(statement));
        Assert.Throws<DomainException>(() => new PayoutBatch(PayoutMethod.BankTransfer, "admin", TestData.Now, [Line(1), Line(1)]));
        var batch = new PayoutBatch(PayoutMethod.BankTransfer, "admin", TestData.Now, [Line(1).WithId(10L), Line(2).WithId(11L)]);
        Assert.Throws<DomainException>(() => batch.MarkLineFailed(10, " ", TestData.Now));
        batch.MarkLineFailed(10, "户名不符", TestData.Now);
        Assert.Equal(new Money(100), batch.Total);
        Assert.Single(batch.MarkPaid("BANK-9", TestData.Now));
        Assert.Throws<DomainException>(() => batch.MarkPaid("BANK-9", TestData.Now));
    }

    private enum Step { Sale, Refund, Deliver, Close, Pay }

    /// <summary>
    /// Random sales, refunds (also of orders in closed periods), deliveries, period closes and payouts for two producers:
    /// every posting balances, every statement's lines sum to its payable, and after every step each producer's ledger
    /// payable = Σ unpaid statements + carried balance + held money + movements not yet in a statement, to the fen.
    /// </summary>
    [Fact]
    public void Producer_payable_always_equals_unpaid_statements_plus_carried_held_and_open_movements() =>
        Gen.Select(Gen.Int[0, 4].Select(i => (Step)i).Array[1, 60], Gen.Int[0, 300], Gen.Int[0, 3], Gen.Long[1, 1_000_000].Array[60])
            .Sample((steps, feeBasisPoints, holdDays, seeds) => new Books(feeBasisPoints, holdDays).Run(steps, seeds), iter: 300);

    private sealed class Books(int feeBasisPoints, int holdDays)
    {
        private static readonly County County = TestData.County();
        private static readonly ShippingAddress Address = ShippingAddress.Create("张三", "13800001111", "广东省", "广州市", "番禺区", "市桥街道光明路1号");
        private static readonly Village[] Villages = [TestData.Village(1, County), TestData.Village(2, County), TestData.Village(3, County)];
        private static readonly Producer[] Producers =
        [
            TestData.Producer(7, Villages[0], (1, 3_333), (2, 6_667)),
            TestData.Producer(8, Villages[2], (3, 10_000)),
        ];

        private readonly List<Order> _orders = [];
        private readonly Dictionary<Guid, IReadOnlyList<Shipment>> _shipments = [];
        private readonly List<HoldRelease> _releases = [];
        private readonly List<AttributionEntry> _attribution = [];
        private readonly List<JournalEntry> _journal = [];
        private readonly List<(SettlementStatement Statement, int Producer)> _statements = [];
        private readonly Dictionary<int, long> _held = Producers.ToDictionary(p => p.Id, _ => 0L);
        private readonly Dictionary<int, long> _carried = Producers.ToDictionary(p => p.Id, _ => 0L);
        private DateTime _periodStart = SettlementPeriod.StartOf(TestData.Now, PeriodLength.Weekly);
        private DateTime _now = TestData.Now;
        private long _lineId = 100;

        private DateTime PeriodEnd => SettlementPeriod.EndOf(_periodStart, PeriodLength.Weekly);

        public bool Run(Step[] steps, long[] seeds)
        {
            for (var i = 0; i < steps.Length; i++)
            {
                var seed = seeds[i];
                _now = _now.AddMinutes(1 + seed % 600);
                if (_now >= PeriodEnd) Close();
                switch (steps[i])
                {
                    case Step.Sale: Sell(seed); break;
                    case Step.Refund: Refund(seed); break;
                    case Step.Deliver: Deliver(seed); break;
                    case Step.Close: _now = PeriodEnd; Close(); break;
                    case Step.Pay: Pay(); break;
                }
                if (!Holds()) return false;
            }
            return true;
        }

        private void Post(JournalEntry entry)
        {
            Assert.Equal(entry.Lines.Sum(l => l.DebitFen), entry.Lines.Sum(l => l.CreditFen));
            _journal.Add(entry);
        }

        private void Sell(long seed)
        {
            var lines = Producers.Where((_, i) => i == seed % 3 || seed % 3 == 2).Select(p =>
            {
                var product = TestData.Product((int)(seed % 50) + 1, p, 1 + seed % 20_000);
                return OrderLine.Snapshot(product, p, p.SourcingShares.ToDictionary(s => s.VillageId, _ => County.Id), 1 + (int)(seed % 3), TestData.Today).WithId(_lineId++);
            }).ToList();
            var order = new Order(Guid.NewGuid(), "c", Channel.Online, lines, new Money(seed % 1_500), _now, Address);
            order.MarkPaid($"pay-{order.Id:N}", _now);
            _shipments[order.Id] = Shipment.ForPaidOrder(order, _now);
            _orders.Add(order);
            _attribution.AddRange(AttributionRule.ForPaidOrder(order));
            Post(Postings.ForPaidOrder(order));
        }

        private void Refund(long seed)
        {
            var refundable = _orders.Where(o => o.Refunded < o.Total).ToList();
            if (refundable.Count == 0) return;
            var order = refundable[(int)(seed % refundable.Count)];
            var amount = new Money(1 + seed % (order.Total - order.Refunded).Fen);
            order.RecordRefund(amount);
            _attribution.AddRange(AttributionRule.ForOrderRefund(order, amount, _now));
            Post(Postings.ForRefund(order, amount, _now));
        }

        /// <summary>As Fulfilment does: every parcel sent and arrived, the order delivered, its held money released some days later.</summary>
        private void Deliver(long seed)
        {
            var open = _orders.Where(o => o.DeliveredAtUtc is null && o.Status != OrderStatus.Refunded).ToList();
            if (open.Count == 0) return;
            var order = open[(int)(seed % open.Count)];
            var shipments = _shipments[order.Id];
            foreach (var s in shipments) s.Ship("SF", "SF1234567890", _now);
            order.ShipIfAllShipped(shipments, _now);
            foreach (var s in shipments) s.MarkDelivered(_now);
            Assert.True(order.DeliverIfAllDelivered(shipments, _now));
            _releases.AddRange(HoldRelease.ForDelivered(order.Id, _now, _attribution, holdDays));
        }

        private void Close()
        {
            var (start, end) = (_periodStart, PeriodEnd);
            foreach (var producer in Producers.Select(p => p.Id))
            {
                var movements = _attribution.Where(e => e.ProducerId == producer && e.BookedAtUtc >= start && e.BookedAtUtc < end).ToList();
                var released = _releases.Where(r => r.ProducerId == producer && r.ReleasedAtUtc >= start && r.ReleasedAtUtc < end).ToList();
                if (movements.Count == 0 && released.Count == 0) continue;
                var lines = StatementRule.Lines(producer, movements, released, _carried[producer], feeBasisPoints);
                var statement = SettlementStatement.FromLines(1, producer, lines);
                Assert.Equal(statement.PayableFen, lines.Sum(l => l.AmountFen));
                _held[producer] -= lines.Where(l => l.Kind is StatementLineKind.Hold or StatementLineKind.Release).Sum(l => l.AmountFen);
                _carried[producer] = statement.CarriedOutFen;
                if (statement.FeeFen > 0) Post(Postings.ForSettlementFee($"{start:O}:{producer}", producer, new Money(statement.FeeFen), end));
                _statements.Add((statement, producer));
            }
            _periodStart = end;
        }

        private void Pay()
        {
            foreach (var (statement, producer) in _statements.Where(s => s.Statement.Status == StatementStatus.Closed && s.Statement.HasSomethingToPay))
            {
                statement.Approve("admin", _now);
                var key = $"{_statements.IndexOf((statement, producer))}";
                Post(Postings.ForPayout(key, producer, statement.Payable, _now));
                Post(Postings.ForPayoutConfirmed(key, statement.Payable, _now));
                statement.MarkPaid($"bank-{key}", _now);
            }
        }

        private bool Holds()
        {
            foreach (var producer in Producers.Select(p => p.Id))
            {
                var ledger = _journal.SelectMany(e => e.Lines).Where(l => l.Account == Account.ProducerPayable && l.ProducerId == producer)
                    .Sum(l => l.CreditFen - l.DebitFen);
                var unpaid = _statements.Where(s => s.Producer == producer && s.Statement.Status != StatementStatus.Paid && s.Statement.HasSomethingToPay)
                    .Sum(s => s.Statement.PayableFen);
                var open = _attribution.Where(e => e.ProducerId == producer && e.BookedAtUtc >= _periodStart).Sum(e => e.AmountFen);
                var held = _held[producer];
                if (ledger != unpaid + _carried[producer] + held + open) return false;
            }
            return _journal.SelectMany(e => e.Lines).Sum(l => l.DebitFen) == _journal.SelectMany(e => e.Lines).Sum(l => l.CreditFen);
        }
    }
}
