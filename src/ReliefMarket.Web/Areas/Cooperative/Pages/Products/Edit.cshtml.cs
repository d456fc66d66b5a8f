using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Access;
using ReliefMarket.Web.Listings;

namespace ReliefMarket.Web.Areas.Cooperative.Pages.Products;

/// <summary>
/// /coop/products/edit/{id?}: create a listing, or edit one. Changing what a certificate vouches for asks first
/// (a confirm step), because saving sends the listing back to review. Stock is set on its own page, except at creation.
/// </summary>
public class EditModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public ListingForm Form { get; set; } = new();
    /// <summary>The member has seen that saving sends the certified listing back to review.</summary>
    [BindProperty] public bool Confirmed { get; set; }

    public int? Id { get; private set; }
    public bool NeedsConfirm { get; private set; }
    public CertificationStatus? Status { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public IReadOnlyList<(LocalizedText Village, int BasisPoints)> Shares { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            var product = await db.FindMineAsync(User, existing, ct);
            if (product is null) return NotFound();
            Form = ListingForm.From(product);
            Status = product.CertificationStatus;
            Id = existing;
        }
        Shares = await db.SharesAsync(User.ProducerId()!.Value, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var producerId = User.ProducerId()!.Value;
        Product? product = null;
        if (id is { } existing && (product = await db.FindMineAsync(User, existing, ct)) is null) return NotFound();
        Id = id;
        Status = product?.CertificationStatus;
        Shares = await db.SharesAsync(producerId, ct);

        var parsed = Form.Parse(withStock: product is null, Errors);
        if (parsed is null) return Page();

        if (product is null)
        {
            var producer = await db.Producers.SingleAsync(p => p.Id == producerId, ct);
            product = new Product(producer, NewSlug(producer.Code), parsed.Name, parsed.Description, parsed.Category, parsed.Unit,
                parsed.Price, parsed.Stock, Illustrations.For(parsed.Category), clock.GetUtcNow().UtcDateTime);
            // A deactivated producer (or village) may prepare a listing, but it stays off the storefront.
            if (!await Listings.ActiveProducers.CanListAsync(db, producerId, ct)) product.Unlist();
            db.Products.Add(product);
            await db.SaveChangesAsync(ct);
            return RedirectToPage("Photos", new { id = product.Id });
        }

        if (product.RevisionNeedsRecertification(parsed.Name, parsed.Unit, parsed.Category, parsed.Price) && !Confirmed)
        {
            NeedsConfirm = true;
            return Page();
        }
        product.Revise(parsed.Name, parsed.Description, parsed.Category, parsed.Unit, parsed.Price);
        // Tracked changes: the catalog cache interceptor evicts the storefront pages on save.
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Index");
    }

    // The producer's code plus a random tail: unique without asking the member for a URL.
    private static string NewSlug(string producerCode) =>
        $"{(producerCode.Length > 48 ? producerCode[..48].TrimEnd('-') : producerCode)}-{Guid.NewGuid().ToString("N")[..8]}";
}
