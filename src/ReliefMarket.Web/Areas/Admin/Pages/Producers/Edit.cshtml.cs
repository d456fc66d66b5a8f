using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Audit;

namespace ReliefMarket.Web.Areas.Admin.Pages.Producers;

/// <summary>
/// /admin/producers/{id}: households supported, the bank account for payouts and the sourcing shares, which must total
/// exactly 100.00% before anything saves. Shares apply to new sales only: order lines keep the shares they were sold with.
/// </summary>
public class EditModel(AppDbContext db, AuditLog audit, Origins.AidStructure structure) : PageModel
{
    public sealed class ShareRow
    {
        public string? Village { get; set; }
        public string? Percent { get; set; }
    }

    public Producer Producer { get; private set; } = null!;
    public IReadOnlyList<Village> Villages { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    [BindProperty] public int SupportedPoorHouseholds { get; set; }
    [BindProperty] public string? AccountName { get; set; }
    [BindProperty] public string? Bank { get; set; }
    [BindProperty] public string? Branch { get; set; }
    [BindProperty] public string? AccountNumber { get; set; }
    /// <summary>A Stripe connected account (acct_…): statements of this producer can then be paid by Stripe Connect transfer.</summary>
    [BindProperty] public string? StripeAccountId { get; set; }
    [BindProperty] public List<ShareRow> Shares { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        SupportedPoorHouseholds = Producer.SupportedPoorHouseholds;
        (AccountName, Bank, Branch, AccountNumber) = Producer.BankAccount is { } b ? (b.AccountName, b.Bank, b.Branch, b.AccountNumber) : (null, null, null, null);
        StripeAccountId = Producer.StripeAccountId;
        Shares = Producer.SourcingShares.Select(s => new ShareRow
        {
            Village = Villages.First(v => v.Id == s.VillageId).Code,
            Percent = (s.BasisPoints / 100m).ToString("0.00", CultureInfo.InvariantCulture),
        }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct, tracked: true)) return NotFound();
        var problems = new List<string>();
        var shares = ParseShares(problems);
        BankAccount? account = null;
        if (!string.IsNullOrWhiteSpace(AccountNumber) || !string.IsNullOrWhiteSpace(AccountName))
        {
            try { account = BankAccount.Create(AccountName, Bank, Branch, AccountNumber); }
            catch (DomainException) { problems.Add("Producers.Problem.Bank"); }
        }
        if (SupportedPoorHouseholds is < 0 or > 1_000_000) problems.Add("Producers.Problem.Households");
        var stripeAccount = StripeAccountId?.Trim();
        if (!string.IsNullOrEmpty(stripeAccount) && !Producer.IsStripeAccountId(stripeAccount))
            problems.Add("Producers.Problem.Stripe");
        if (problems.Count > 0)
        {
            Problems = problems;
            return Page();
        }

        var before = Fields(Producer);
        Producer.SetSupportedPoorHouseholds(SupportedPoorHouseholds);
        if (account is not null) Producer.SetBankAccount(account);
        Producer.SetStripeAccount(stripeAccount);
        Producer.SetSourcingShares(shares);
        audit.Record("producer.updated", nameof(Producer), Producer.Id.ToString(CultureInfo.InvariantCulture), before, Fields(Producer));
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Index");
    }

    /// <summary>Deactivate (its listings leave the storefront) or reactivate; audited.</summary>
    public async Task<IActionResult> OnPostActiveAsync(int id, bool active, CancellationToken ct) =>
        await structure.SetProducerActiveAsync(id, active, ct) ? RedirectToPage(new { id }) : NotFound();

    /// <summary>Only a producer nothing points to (no sales, listings or members) is deleted; otherwise the page says to deactivate.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var deletion = await structure.DeleteProducerAsync(id, ct);
        if (deletion == Origins.AidStructure.Deletion.NotFound) return NotFound();
        if (deletion == Origins.AidStructure.Deletion.Deleted) return RedirectToPage("Index");
        db.ChangeTracker.Clear();
        await OnGetAsync(id, ct);
        Problems = ["Origins.Problem.InUse"];
        return Page();
    }

    /// <summary>Percentages with at most two decimals, one row per village, totalling exactly 100.00%.</summary>
    private List<SourcingShare> ParseShares(List<string> problems)
    {
        var shares = new List<SourcingShare>();
        foreach (var row in Shares.Where(r => !string.IsNullOrWhiteSpace(r.Village) || !string.IsNullOrWhiteSpace(r.Percent)))
        {
            // A deactivated village keeps the shares it had but takes no new ones.
            var village = Villages.FirstOrDefault(v => v.Code == row.Village && (v.IsActive || Producer.SourcingShares.Any(s => s.VillageId == v.Id)));
            if (village is null || !decimal.TryParse(row.Percent, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
                || percent <= 0 || percent > 100 || decimal.Round(percent, 2) != percent)
            {
                problems.Add("Producers.Problem.Share");
                continue;
            }
            shares.Add(new SourcingShare(village.Id, (int)(percent * 100)));
        }
        if (shares.Count == 0) problems.Add("Producers.Problem.NoShares");
        else if (shares.Select(s => s.VillageId).Distinct().Count() != shares.Count) problems.Add("Producers.Problem.DuplicateVillage");
        else if (shares.Sum(s => s.BasisPoints) != Producer.WholeInBasisPoints)
            problems.Add("Producers.Problem.Total");
        return shares;
    }

    private static Dictionary<string, object?> Fields(Producer p) => new()
    {
        ["SupportedPoorHouseholds"] = p.SupportedPoorHouseholds,
        ["BankAccountName"] = p.BankAccount?.AccountName, ["Bank"] = p.BankAccount?.Bank, ["BankBranch"] = p.BankAccount?.Branch,
        ["BankAccountNumber"] = p.BankAccount?.AccountNumber, ["StripeAccountId"] = p.StripeAccountId,
        ["SourcingShares"] = string.Join(",", p.SourcingShares.Select(s => $"{s.VillageId}:{s.BasisPoints}")),
    };

    private async Task<bool> LoadAsync(int id, CancellationToken ct, bool tracked = false)
    {
        var producers = tracked ? db.Producers : db.Producers.AsNoTracking();
        var producer = await producers.Include(p => p.Village).ThenInclude(v => v.County).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (producer is null) return false;
        Producer = producer;
        Villages = await db.Villages.AsNoTracking().Include(v => v.County).OrderBy(v => v.CountyId).ThenBy(v => v.Id).ToListAsync(ct);
        return true;
    }
}
