using System.Text.RegularExpressions;

namespace ReliefMarket.Web.Operations;

/// <summary>
/// What must never reach a log line, and what is written instead. The log pipeline runs every message and
/// property through <see cref="Redact"/>, so a framework log (a request URL with a reset code in its query) is
/// as safe as our own; log calls that name a person mask the address themselves with <see cref="MaskEmail"/>.
/// </summary>
public static partial class LogRedaction
{
    /// <summary>c***@example.org: enough to tell recipients apart in an incident, not enough to write to them.</summary>
    public static string MaskEmail(string? email)
    {
        if (string.IsNullOrEmpty(email)) return "";
        var at = email.LastIndexOf('@');
        return at <= 0 ? "***" : $"{email[0]}***{email[at..]}";
    }

    public static string Redact(string text)
    {
        if (text.Length < 8) return text;
        text = SecretQueryValue().Replace(text, "${name}=***");
        text = StripeSecret().Replace(text, "${kind}_***");
        text = StripeSignature().Replace(text, "${v}=***");
        text = Bearer().Replace(text, "${scheme}***");
        text = Email().Replace(text, m => $"{m.Groups["first"].Value}***{m.Groups["at"].Value}{m.Groups["domain"].Value}");
        text = Mobile().Replace(text, "${head}****${tail}");
        return CardNumber().Replace(text, m => Luhn(m.Value) ? "****" + Digits(m.Value)[^4..] : m.Value);
    }

    // Links in our emails carry one-time codes (and the address) in the query; request logs print the query.
    [GeneratedRegex(@"(?<=[?&;])(?<name>code|token|access_token|id_token|refresh_token|password|secret|key|sig|signature|email|userId)=[^&\s""'#]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretQueryValue();

    [GeneratedRegex(@"\b(?<kind>sk_live|sk_test|rk_live|rk_test|whsec)_[0-9A-Za-z_]+", RegexOptions.CultureInvariant)]
    private static partial Regex StripeSecret();

    // A Stripe-Signature header: t=…,v1=<hex>,v0=<hex>.
    [GeneratedRegex(@"\b(?<v>v[01])=[0-9a-f]{16,}", RegexOptions.CultureInvariant)]
    private static partial Regex StripeSignature();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=-]{8,}", RegexOptions.CultureInvariant)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"(?<first>[A-Za-z0-9])[A-Za-z0-9._%+-]*(?<at>@|%40)(?<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})",
        RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // Mainland mobile numbers: 1[3-9] and nine digits; the first three and last four stay, as couriers print them.
    [GeneratedRegex(@"(?<!\d)(?<head>1[3-9]\d)\d{4}(?<tail>\d{4})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Mobile();

    // Card data never reaches us (Stripe Checkout collects it), but a pasted number in a free-text field could.
    [GeneratedRegex(@"(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex CardNumber();

    private static string Digits(string s) => string.Concat(s.Where(char.IsAsciiDigit));

    private static bool Luhn(string number)
    {
        var digits = Digits(number);
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }
}
