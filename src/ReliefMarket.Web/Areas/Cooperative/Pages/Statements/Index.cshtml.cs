using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Access;
using ReliefMarket.Web.Settlement;

namespace ReliefMarket.Web.Areas.Cooperative.Pages.Statements;

/// <summary>/coop/statements: every statement of the member's producer, newest first.</summary>
public class IndexModel(StatementQueries statements) : PageModel
{
    public IReadOnlyList<StatementQueries.Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await statements.Rows(User.ProducerId()!.Value).Take(500).ToListAsync(ct);
}
