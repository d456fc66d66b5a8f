using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Listings;

namespace ReliefMarket.Web.Areas.Admin.Pages.Certification;

/// <summary>/admin/certification: listings waiting for certification, oldest request first.</summary>
public class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(int ProductId, LocalizedText Name, LocalizedText Producer, LocalizedText Village, LocalizedText County, DateTime? SubmittedAtUtc);

    public IReadOnlyList<Row> Queue { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Queue = (await db.Products.AsNoTracking().Where(p => p.CertificationStatus == CertificationStatus.PendingCertification)
                .Select(p => new Row(p.Id, p.Name, p.Producer.Name, p.Producer.Village.Name, p.Producer.Village.County.Name,
                    db.Set<CertificationSubmission>().Where(s => s.ProductId == p.Id).Max(s => (DateTime?)s.SubmittedAtUtc)))
                .ToListAsync(ct))
            .OrderBy(r => r.SubmittedAtUtc ?? DateTime.MinValue).ToList();
}
