using System.Globalization;

namespace ReliefMarket.Domain;

/// <summary>
/// An amount of renminbi as a whole number of fen (1/100 yuan). Money is never floating point:
/// arithmetic is checked integer arithmetic, and splits use <see cref="Allocate"/>.
/// </summary>
public readonly record struct Money(long Fen) : IComparable<Money>
{
    public static readonly Money Zero = new(0);

    /// <summary>The largest amount user input may name: ¥100,000,000,000.00 keeps every sum far from overflow.</summary>
    public static readonly Money MaxInput = new(10_000_000_000_000);

    public static Money FromYuan(long yuan) => new(checked(yuan * 100));

    public bool IsNegative => Fen < 0;
    public bool IsZero => Fen == 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));
    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));
    public static Money operator -(Money a) => new(checked(-a.Fen));
    public static Money operator *(Money a, int quantity) => new(checked(a.Fen * quantity));
    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;
    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;
    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;
    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    public static Money Sum(IEnumerable<Money> amounts)
    {
        var total = Zero;
        foreach (var amount in amounts) total += amount;
        return total;
    }

    /// <summary>"¥1,234.50"; negative amounts as "-¥1,234.50". The same in every culture.</summary>
    public override string ToString()
    {
        var abs = Fen == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(Fen);
        var text = string.Create(CultureInfo.InvariantCulture, $"¥{abs / 100:N0}.{abs % 100:00}");
        return Fen < 0 ? "-" + text : text;
    }

    /// <summary>"1234.50" for forms and CSV: no symbol, no grouping.</summary>
    public string ToPlainString()
    {
        var abs = Fen == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(Fen);
        var text = string.Create(CultureInfo.InvariantCulture, $"{abs / 100}.{abs % 100:00}");
        return Fen < 0 ? "-" + text : text;
    }

    /// <summary>
    /// Parses what a person types: "12", "12.5", "12.50", "¥12.50", "￥1,234.50". At most two decimals,
    /// at most <see cref="MaxInput"/>; a leading minus only when <paramref name="allowNegative"/>.
    /// </summary>
    public static bool TryParse(string? input, bool allowNegative, out Money money, out MoneyParseError error)
    {
        money = Zero;
        error = MoneyParseError.None;
        var s = (input ?? "").Trim();
        var negative = false;
        if (s.StartsWith('-'))
        {
            negative = true;
            s = s[1..].TrimStart();
        }
        if (s.StartsWith('¥') || s.StartsWith('￥')) s = s[1..].TrimStart();
        if (s.Length == 0 || s.Length > 32)
        {
            error = MoneyParseError.Invalid;
            return false;
        }

        var point = s.IndexOf('.');
        var whole = point < 0 ? s : s[..point];
        var fraction = point < 0 ? "" : s[(point + 1)..];
        if (!IsWholePart(whole) || !fraction.All(char.IsAsciiDigit) || (point >= 0 && fraction.Length == 0))
        {
            error = MoneyParseError.Invalid;
            return false;
        }
        if (fraction.Length > 2)
        {
            error = MoneyParseError.TooManyDecimals;
            return false;
        }

        var digits = whole.Replace(",", "");
        if (digits.Length > 15)
        {
            error = MoneyParseError.TooLarge;
            return false;
        }
        var fen = long.Parse(digits, CultureInfo.InvariantCulture) * 100
                  + (fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(2, '0'), CultureInfo.InvariantCulture));
        if (fen > MaxInput.Fen)
        {
            error = MoneyParseError.TooLarge;
            return false;
        }
        if (negative && fen != 0 && !allowNegative)
        {
            error = MoneyParseError.Negative;
            return false;
        }
        money = new Money(negative ? -fen : fen);
        return true;
    }

    public static Money Parse(string input, bool allowNegative = false) =>
        TryParse(input, allowNegative, out var money, out var error)
            ? money
            : throw new FormatException($"'{input}' is not an amount of money ({error}).");

    // Digits, optionally grouped by commas in threes ("1,234,567").
    private static bool IsWholePart(string whole)
    {
        if (whole.Length == 0 || !whole.All(c => char.IsAsciiDigit(c) || c == ',')) return false;
        if (!whole.Contains(',')) return true;
        var groups = whole.Split(',');
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
    }

    /// <summary>
    /// Splits this amount in proportion to <paramref name="weights"/> by the largest-remainder method:
    /// each part is the exact share rounded down, and the fen left over go one each to the parts with
    /// the largest remainders (ties to the earlier part). The parts always sum exactly to this amount
    /// and each differs from its exact share by less than one fen. Negative amounts split symmetrically.
    /// </summary>
    public Money[] Allocate(IReadOnlyList<long> weights)
    {
        if (weights.Count == 0) throw new DomainException("Allocation needs at least one weight.");
        if (weights.Any(w => w < 0)) throw new DomainException("Allocation weights cannot be negative.");
        var totalWeight = weights.Aggregate(Int128.Zero, (sum, w) => sum + w);
        if (totalWeight == 0) throw new DomainException("Allocation weights cannot all be zero.");

        if (Fen < 0) return (-this).Allocate(weights).Select(m => -m).ToArray();

        var parts = new long[weights.Count];
        var remainders = new Int128[weights.Count];
        long allocated = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (Int128)Fen * weights[i];
            parts[i] = (long)(exact / totalWeight);
            remainders[i] = exact % totalWeight;
            allocated += parts[i];
        }
        var leftover = Fen - allocated;
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take((int)leftover))
            parts[i]++;
        return parts.Select(p => new Money(p)).ToArray();
    }
}

public enum MoneyParseError { None, Invalid, TooManyDecimals, Negative, TooLarge }
