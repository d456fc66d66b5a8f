using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Certification;
using ReliefMarket.Web.Listings;

namespace ReliefMarket.Web.Areas.Admin.Pages.Certification;

/// <summary>
/// /admin/certification/{id}: the listing as the shop shows it, the evidence (files are downloads, never rendered),
/// its certificate history, and the decisions: approve, reject, withdraw (Admin; auditors read).
/// </summary>
public class ReviewModel(AppDbContext db, Certifier certifier, EvidenceStore evidence, TimeProvider clock) : PageModel
{
    public Product Product { get; private set; } = null!;
    public IReadOnlyList<CertificationSubmission> Submissions { get; private set; } = [];
    public IReadOnlyList<CertificationDecision> History { get; private set; } = [];
    public IReadOnlyList<County> Counties { get; private set; } = [];
    public string? Problem { get; private set; }
    public DateOnly Today => ChinaTime.Today(clock);

    [BindProperty] public string? CertificateNumber { get; set; }
    [BindProperty] public string? IssuingCounty { get; set; }
    [BindProperty] public DateOnly? ValidUntil { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(int id, CancellationToken ct) =>
        DecideAsync(id, certifier.ApproveAsync(id, CertificateNumber, IssuingCounty, ValidUntil, User, ct), ct);

    public Task<IActionResult> OnPostRejectAsync(int id, CancellationToken ct) => DecideAsync(id, certifier.RejectAsync(id, Reason, User, ct), ct);

    public Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken ct) => DecideAsync(id, certifier.WithdrawAsync(id, Reason, User, ct), ct);

    /// <summary>An evidence file, as an attachment with its checked content type: a PDF or image, never a page of ours.</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(int id, int submission, string file, CancellationToken ct)
    {
        var found = await db.Set<CertificationSubmission>().AsNoTracking().Where(s => s.Id == submission && s.ProductId == id).SingleOrDefaultAsync(ct);
        var stored = found?.Files.FirstOrDefault(f => f.StoredName == file);
        if (stored is null) return NotFound();
        var path = Path.Combine(evidence.Folder, stored.StoredName);
        if (!System.IO.File.Exists(path)) return NotFound();
        var extension = stored.ContentType == "application/pdf" ? "pdf" : stored.ContentType.Split('/')[1];
        return PhysicalFile(path, stored.ContentType, $"evidence-{id}-{submission}.{extension}");
    }

    private async Task<IActionResult> DecideAsync(int id, Task<Certifier.Outcome> decision, CancellationToken ct)
    {
        var outcome = await decision;
        if (outcome == Certifier.Outcome.NotFound) return NotFound();
        if (outcome == Certifier.Outcome.Done) return RedirectToPage(new { id });
        Problem = "Certification.Problem." + outcome;
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var product = await db.Products.AsNoTracking().Include(p => p.Producer).ThenInclude(p => p.Village).ThenInclude(v => v.County)
            .SingleOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return false;
        Product = product;
        Submissions = await db.Set<CertificationSubmission>().AsNoTracking().Where(s => s.ProductId == id).OrderByDescending(s => s.SubmittedAtUtc).ToListAsync(ct);
        History = await db.Set<CertificationDecision>().AsNoTracking().Where(d => d.ProductId == id).OrderByDescending(d => d.AtUtc).ToListAsync(ct);
        Counties = await db.Counties.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        return true;
    }
}
