namespace ReliefMarket.Web.Email;

/// <summary>An email address for logs: enough to tell two apart when debugging, not enough to name the person.</summary>
public static class MaskedAddress
{
    /// <summary>"chen.xiaomei@example.org" → "c***@example.org"; anything without an @ → "***".</summary>
    public static string Of(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : $"{address[0]}***{address[at..]}";
    }
}
