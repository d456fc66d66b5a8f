using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ReliefMarket.Web.Pages.Orders;

[Authorize]
public class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(Guid Id, DateTime CreatedAtUtc, OrderStatus Status, Money Total, int Items);

    public IReadOnlyList<Row> Orders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.UserId();
        Orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == userId).OrderByDescending(o => o.CreatedAtUtc).Take(100)
            .Select(o => new Row(o.Id, o.CreatedAtUtc, o.Status, o.Total, o.Lines.Sum(l => l.Quantity))).ToListAsync(ct);
    }
}
