using ReliefMarket.Web.Areas.Admin.Pages.Audit;

namespace ReliefMarket.Web.Areas.Admin.Pages.Orders;

/// <summary>The order search's parameters: the number as emails show it, the buyer's email or mobile, status, the county or producer a line came from, China-time days.</summary>
public sealed class OrderSearch
{
    public string? Number { get; set; }
    public string? Email { get; set; }
    public string? Mobile { get; set; }
    public OrderStatus? Status { get; set; }
    public int? County { get; set; }
    public int? Producer { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    public sealed record Row(Guid Id, DateTime CreatedAtUtc, string? BuyerEmail, string? Recipient, Channel Channel, Money Total, Money Refunded, OrderStatus Status)
    {
        public string Number => Id.ToString("N")[..12].ToUpperInvariant();
    }

    public IQueryable<Row> Apply(AppDbContext db)
    {
        var orders = db.Orders.AsNoTracking();
        if (NumberPrefix() is { } prefix) orders = orders.Where(o => o.Id.ToString().ToLower().StartsWith(prefix));
        if (Email?.Trim() is { Length: > 0 } email)
        {
            var normalized = email.ToUpperInvariant();
            orders = orders.Where(o => db.Users.Any(u => u.Id == o.CustomerId && u.NormalizedEmail == normalized));
        }
        if (Mobile?.Trim() is { Length: > 0 } mobile) orders = orders.Where(o => o.ShippingAddress!.Mobile == mobile);
        if (Status is { } status) orders = orders.Where(o => o.Status == status);
        // From the lines' snapshots: where the order's money went when it was sold, whatever the producer's shares are now.
        if (County is { } county) orders = orders.Where(o => o.Lines.Any(l => l.Shares.Any(s => s.CountyId == county)));
        if (Producer is { } producer) orders = orders.Where(o => o.Lines.Any(l => l.ProducerId == producer));
        if (From is { } from)
        {
            var start = AuditFilter.StartOfChinaDayUtc(from);
            orders = orders.Where(o => o.CreatedAtUtc >= start);
        }
        if (To is { } to)
        {
            var end = AuditFilter.StartOfChinaDayUtc(to.AddDays(1));
            orders = orders.Where(o => o.CreatedAtUtc < end);
        }
        return orders.OrderByDescending(o => o.CreatedAtUtc)
            .Select(o => new Row(o.Id, o.CreatedAtUtc, db.Users.Where(u => u.Id == o.CustomerId).Select(u => u.Email).FirstOrDefault(),
                o.ShippingAddress!.Recipient, o.Channel, o.Total, o.Refunded, o.Status));
    }

    /// <summary>"A1B2C3D4E5F6" (an email's order number) or a whole id → the start of the id as the database writes it: "a1b2c3d4-e5f6".</summary>
    private string? NumberPrefix()
    {
        var hex = new string((Number ?? "").Where(char.IsAsciiHexDigit).ToArray()).ToLowerInvariant();
        if (hex.Length == 0) return null;
        hex = hex[..Math.Min(hex.Length, 32)];
        var groups = new[] { 8, 4, 4, 4, 12 };
        var parts = new List<string>();
        var at = 0;
        foreach (var g in groups)
        {
            if (at >= hex.Length) break;
            parts.Add(hex.Substring(at, Math.Min(g, hex.Length - at)));
            at += g;
        }
        return string.Join('-', parts);
    }

    public Dictionary<string, string?> RouteValues() => new()
    {
        ["Search.Number"] = Number, ["Search.Email"] = Email, ["Search.Mobile"] = Mobile, ["Search.Status"] = Status?.ToString(),
        ["Search.County"] = County?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Search.Producer"] = Producer?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Search.From"] = From?.ToString("yyyy-MM-dd"), ["Search.To"] = To?.ToString("yyyy-MM-dd"),
    };
}
