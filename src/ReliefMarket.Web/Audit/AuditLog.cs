using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace ReliefMarket.Web.Audit;

/// <summary>
/// Writes audit entries into the caller's unit of work: <see cref="Record"/> only adds the entry to the DbContext,
/// so the caller's SaveChanges (inside its transaction) saves the change and its entry together, or neither.
/// </summary>
public sealed class AuditLog(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>Chinese stays readable in the stored JSON; characters that mean something in HTML are still escaped.</summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>
    /// Records <paramref name="action"/> on an entity with the fields that changed: a field whose value is the same
    /// before and after is left out. Fields named like a bank account number are masked to their last four characters.
    /// </summary>
    public AuditEntry Record(string action, string entityType, string entityId,
        IReadOnlyDictionary<string, object?>? before, IReadOnlyDictionary<string, object?>? after)
    {
        var changedBefore = before?.Where(kv => after is null || !after.TryGetValue(kv.Key, out var a) || !Equals(Text(a), Text(kv.Value)))
            .ToDictionary(kv => kv.Key, kv => Masked(kv.Key, kv.Value));
        var changedAfter = after?.Where(kv => before is null || !before.TryGetValue(kv.Key, out var b) || !Equals(Text(b), Text(kv.Value)))
            .ToDictionary(kv => kv.Key, kv => Masked(kv.Key, kv.Value));
        var user = http.HttpContext?.User;
        var entry = new AuditEntry(clock.GetUtcNow().UtcDateTime, user?.FindFirstValue(ClaimTypes.NameIdentifier),
            user?.FindFirstValue(ClaimTypes.Email) ?? user?.Identity?.Name, action, entityType, entityId,
            changedBefore is { Count: > 0 } ? JsonSerializer.Serialize(changedBefore, Json) : null,
            changedAfter is { Count: > 0 } ? JsonSerializer.Serialize(changedAfter, Json) : null,
            http.HttpContext?.Connection.RemoteIpAddress?.ToString());
        db.Add(entry);
        return entry;
    }

    public static object? Masked(string field, object? value) =>
        field.Contains("AccountNumber", StringComparison.OrdinalIgnoreCase) && value?.ToString() is { } number ? Mask(number) : Text(value);

    /// <summary>"6222 0000 1234 5678" → "****5678": enough to tell accounts apart, not enough to use one.</summary>
    public static string Mask(string accountNumber)
    {
        var digits = new string(accountNumber.Where(char.IsLetterOrDigit).ToArray());
        return digits.Length <= 4 ? new string('*', digits.Length) : "****" + digits[^4..];
    }

    /// <summary>Values are stored as text ("¥12.50" for money), so the JSON reads the same as the pages.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
