using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Listings;

namespace ReliefMarket.Web.Areas.Cooperative.Pages.Products;

/// <summary>/coop/products/submit/{id}: ask for certification with evidence (a text and up to three PDFs or images).</summary>
[RequestSizeLimit(CertificationSubmission.MaxFiles * PhotoOptions.MaxFileBytes + PhotosModel.FormOverhead)]
[RequestFormLimits(MultipartBodyLengthLimit = CertificationSubmission.MaxFiles * PhotoOptions.MaxFileBytes + PhotosModel.FormOverhead)]
[UploadTooLarge(CertificationSubmission.MaxFiles * PhotoOptions.MaxFileBytes + PhotosModel.FormOverhead)]
public class SubmitModel(AppDbContext db, EvidenceStore evidence, TimeProvider clock) : PageModel
{
    public int Id { get; private set; }
    public LocalizedText Name { get; private set; } = null!;
    public bool CanSubmit { get; private set; }
    public string? ErrorKey { get; private set; }
    [BindProperty] public string? Evidence { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, bool tooLarge, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is null) return NotFound();
        return tooLarge ? Refuse("Coop.Submit.Refused." + EvidenceRefusal.TooBig) : Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, List<IFormFile> files, CancellationToken ct)
    {
        var product = await LoadAsync(id, ct);
        if (product is null) return NotFound();
        if (!CanSubmit) return Refuse("Coop.Submit.NotNow");
        if (string.IsNullOrWhiteSpace(Evidence)) return Refuse("Coop.Submit.NeedText");
        if (Evidence.Trim().Length > CertificationSubmission.MaxEvidenceLength) return Refuse("Coop.Error.TooLong");
        files = files.Where(f => f.Length > 0).ToList();
        if (files.Count > CertificationSubmission.MaxFiles) return Refuse("Coop.Submit.TooManyFiles");
        var (refusal, read) = await evidence.ReadAllAsync(files, ct);
        if (refusal != EvidenceRefusal.None) return Refuse("Coop.Submit.Refused." + refusal);

        var written = new List<EvidenceFile>();
        try
        {
            foreach (var (bytes, type) in read) written.Add(await evidence.WriteAsync(bytes, type, ct));
            product.SubmitForCertification();
            db.CertificationSubmissions.Add(new CertificationSubmission(id, Evidence, User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value,
                clock.GetUtcNow().UtcDateTime, written));
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            foreach (var file in written) evidence.Delete(file);
            throw;
        }
        return RedirectToPage("Index");
    }

    private async Task<Product?> LoadAsync(int id, CancellationToken ct)
    {
        var product = await db.FindMineAsync(User, id, ct);
        if (product is null) return null;
        Id = id;
        Name = product.Name;
        CanSubmit = Product.CanSubmitFrom(product.CertificationStatus);
        return product;
    }

    private PageResult Refuse(string key)
    {
        ErrorKey = key;
        return Page();
    }
}
