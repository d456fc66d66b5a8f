namespace ReliefMarket.Domain.Tests;

public class MoneyTests
{
    [Theory]
    [InlineData(123450, "¥1,234.50")]
    [InlineData(0, "¥0.00")]
    [InlineData(5, "¥0.05")]
    [InlineData(-100, "-¥1.00")]
    [InlineData(100000000, "¥1,000,000.00")]
    [InlineData(long.MinValue, "-¥92,233,720,368,547,758.08")]
    public void Formats_as_yuan_with_grouping(long fen, string expected) =>
        Assert.Equal(expected, new Money(fen).ToString());

    [Fact]
    public void Formatting_does_not_depend_on_the_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("¥1,234.50", new Money(123450).ToString());
        }
        finally { System.Globalization.CultureInfo.CurrentCulture = before; }
    }

    [Theory]
    [InlineData("12", 1200)]
    [InlineData("12.5", 1250)]
    [InlineData("12.50", 1250)]
    [InlineData("¥12.50", 1250)]
    [InlineData("￥12.50", 1250)]
    [InlineData(" 1,234.05 ", 123405)]
    [InlineData("0.01", 1)]
    [InlineData("100000000000", 10_000_000_000_000)]
    public void Parses_what_people_type(string input, long fen)
    {
        Assert.True(Money.TryParse(input, allowNegative: false, out var money, out var error));
        Assert.Equal(MoneyParseError.None, error);
        Assert.Equal(fen, money.Fen);
    }

    [Theory]
    [InlineData("12.505", MoneyParseError.TooManyDecimals)]
    [InlineData("-3", MoneyParseError.Negative)]
    [InlineData("-¥3.10", MoneyParseError.Negative)]
    [InlineData("100000000000.01", MoneyParseError.TooLarge)]
    [InlineData("9999999999999999999999", MoneyParseError.TooLarge)]
    [InlineData("abc", MoneyParseError.Invalid)]
    [InlineData("", MoneyParseError.Invalid)]
    [InlineData(null, MoneyParseError.Invalid)]
    [InlineData("12.", MoneyParseError.Invalid)]
    [InlineData("1,23", MoneyParseError.Invalid)]
    [InlineData("1e5", MoneyParseError.Invalid)]
    [InlineData("١٢", MoneyParseError.Invalid)]
    public void Rejects_what_is_not_an_amount(string? input, MoneyParseError expected)
    {
        Assert.False(Money.TryParse(input, allowNegative: false, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Negative_input_is_accepted_only_when_allowed()
    {
        Assert.True(Money.TryParse("-3.10", allowNegative: true, out var money, out _));
        Assert.Equal(-310, money.Fen);
    }

    [Fact]
    public void Parse_round_trips_plain_strings() =>
        Gen.Long[0, Money.MaxInput.Fen].Sample(fen =>
            Money.Parse(new Money(fen).ToPlainString()).Fen == fen && Money.Parse(new Money(fen).ToString()).Fen == fen);

    [Fact]
    public void Arithmetic_is_checked()
    {
        Assert.Equal(new Money(300), new Money(100) + new Money(200));
        Assert.Equal(new Money(1197), new Money(399) * 3);
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue) + new Money(1));
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue / 2) * 3);
    }

    [Fact]
    public void Allocate_splits_by_largest_remainder()
    {
        var parts = new Money(100).Allocate([1, 1, 1]);
        Assert.Equal([34, 33, 33], parts.Select(p => p.Fen));
        Assert.Equal([4, 3, 3], new Money(10).Allocate([3333, 3333, 3334]).Select(p => p.Fen).OrderDescending());
        Assert.Equal([-34, -33, -33], new Money(-100).Allocate([1, 1, 1]).Select(p => p.Fen));
    }

    [Fact]
    public void Allocate_rejects_impossible_weights()
    {
        Assert.Throws<DomainException>(() => new Money(100).Allocate([]));
        Assert.Throws<DomainException>(() => new Money(100).Allocate([0, 0]));
        Assert.Throws<DomainException>(() => new Money(100).Allocate([5, -1]));
    }

    [Fact]
    public void Allocations_sum_to_the_total_and_stay_within_a_fen_of_the_exact_share() =>
        Gen.Select(Gen.Long[-Money.MaxInput.Fen, Money.MaxInput.Fen], Gen.Int[0, 10_000].Array[1, 12])
            .Where((_, w) => w.Sum() > 0)
            .Sample((total, weights) =>
            {
                var parts = new Money(total).Allocate(weights.Select(w => (long)w).ToList());
                long weightSum = weights.Sum();
                var sumsExactly = parts.Sum(p => p.Fen) == total;
                var withinAFen = parts.Select((p, i) =>
                {
                    var exactTimesW = (Int128)total * weights[i];
                    var diff = (Int128)p.Fen * weightSum - exactTimesW;
                    return Int128.Abs(diff) < weightSum;
                }).All(ok => ok);
                return sumsExactly && withinAFen;
            });
}
