using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Areas.Admin.Pages.Origins;
using ReliefMarket.Web.Audit;

namespace ReliefMarket.Web.Areas.Admin.Pages.Producers;

/// <summary>
/// /admin/producers/new: a cooperative or enterprise in an active village, with the households it supports. It starts
/// sourcing 100% from its own village; the edit page changes the shares, the bank account and the rest. Audited.
/// </summary>
public class NewModel(AppDbContext db, AuditLog audit) : PageModel
{
    public IReadOnlyList<Village> Villages { get; private set; } = [];
    public string? Problem { get; private set; }

    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? NameZh { get; set; }
    [BindProperty] public string? NameEn { get; set; }
    [BindProperty] public ProducerKind Kind { get; set; }
    [BindProperty] public int Village { get; set; }
    [BindProperty] public int SupportedPoorHouseholds { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var code = Code?.Trim().ToLowerInvariant() ?? "";
        var village = await db.Villages.SingleOrDefaultAsync(v => v.Id == Village && v.IsActive, ct);
        if (!Slug.IsValid(code) || await db.Producers.AnyAsync(p => p.Code == code, ct)) return Refuse("Producers.Problem.Code");
        if (village is null || !Enum.IsDefined(Kind)) return Refuse("Producers.Problem.Village");
        if (SupportedPoorHouseholds is < 0 or > 1_000_000) return Refuse("Producers.Problem.Households");
        Producer producer;
        try
        {
            producer = new Producer(code, Names.Require(new LocalizedText(NameZh ?? "", NameEn ?? "")), Kind, village, SupportedPoorHouseholds,
                new LocalizedText("", ""), isDemoData: false);
            producer.SetSourcingShares([new SourcingShare(village.Id, Producer.WholeInBasisPoints)]);
        }
        catch (DomainException) { return Refuse("Origins.Problem.Name"); }
        // The entry names the new id, so the row is saved first; both in one transaction.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Producers.Add(producer);
        await db.SaveChangesAsync(ct);
        audit.Record("producer.created", nameof(Producer), AidStructure.Key(producer.Id), null, new Dictionary<string, object?>
        {
            ["Code"] = producer.Code, ["Name"] = producer.Name.Zh, ["Kind"] = producer.Kind, ["VillageId"] = village.Id,
            ["SupportedPoorHouseholds"] = producer.SupportedPoorHouseholds, ["SourcingShares"] = $"{village.Id}:{Producer.WholeInBasisPoints}",
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return RedirectToPage("Edit", new { id = producer.Id });
    }

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Villages = await db.Villages.AsNoTracking().Include(v => v.County).Where(v => v.IsActive).OrderBy(v => v.CountyId).ThenBy(v => v.Id).ToListAsync(ct);
}
