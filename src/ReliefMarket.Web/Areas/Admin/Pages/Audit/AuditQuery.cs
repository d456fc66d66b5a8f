using ReliefMarket.Web.Audit;

namespace ReliefMarket.Web.Areas.Admin.Pages.Audit;

/// <summary>The audit log's filters, shared by the page and its CSV export. Dates are whole days in China time.</summary>
public sealed class AuditFilter
{
    public string? Person { get; set; }
    public string? Entity { get; set; }
    public string? EntityId { get; set; }
    public string? Action { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    /// <summary>Newest first; "person" matches the email as recorded at the time, or the user id.</summary>
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries)
    {
        if (Person?.Trim() is { Length: > 0 } person) entries = entries.Where(a => a.UserEmail!.Contains(person) || a.UserId == person);
        if (Entity?.Trim() is { Length: > 0 } entity) entries = entries.Where(a => a.EntityType == entity);
        if (EntityId?.Trim() is { Length: > 0 } id) entries = entries.Where(a => a.EntityId == id);
        if (Action?.Trim() is { Length: > 0 } action) entries = entries.Where(a => a.Action == action);
        if (From is { } from)
        {
            var start = StartOfChinaDayUtc(from);
            entries = entries.Where(a => a.AtUtc >= start);
        }
        if (To is { } to)
        {
            var end = StartOfChinaDayUtc(to.AddDays(1));
            entries = entries.Where(a => a.AtUtc < end);
        }
        return entries.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id);
    }

    public Dictionary<string, string?> RouteValues() => new()
    {
        ["Person"] = Person, ["Entity"] = Entity, ["EntityId"] = EntityId, ["Action"] = Action,
        ["From"] = From?.ToString("yyyy-MM-dd"), ["To"] = To?.ToString("yyyy-MM-dd"),
    };

    public static DateTime StartOfChinaDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), ChinaTime.Zone);
}
