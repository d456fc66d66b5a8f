using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Channels.Imports;

namespace ReliefMarket.Web.Areas.Admin.Pages.Imports;

/// <summary>
/// /admin/imports: files of sales from the exhibition centre, a livestream or a cabinet read by hand. An Admin uploads
/// (the area lets only Admins post); the page checks the file and sends them to its preview. Auditors read the list.
/// </summary>
public class IndexModel(AppDbContext db, SalesImports imports, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, string FileName, Channel Channel, DateOnly SalesDate, int Rows, int ValidRows, ImportStatus Status,
        int CommittedRows, long CommittedFen, DateTime UploadedAtUtc);

    public sealed class UploadForm
    {
        public IFormFile? File { get; set; }
        public Channel Channel { get; set; } = Channel.ExhibitionCenter;
        public DateOnly? SalesDate { get; set; }
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool CanChange { get; private set; }
    public string? ErrorKey { get; private set; }
    public ImportsOptions Limits => imports.Options;
    public DateOnly Today => ChinaTime.Today(clock);

    [BindProperty] public UploadForm Form { get; set; } = new();

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        var file = Form.File;
        ErrorKey = file is null || file.Length == 0 ? "Imports.Refused.Empty"
            : file.Length > Limits.MaxFileBytes ? "Imports.Refused.TooLarge"
            : Form.SalesDate is null ? "Imports.Refused.Date"
            : null;
        if (ErrorKey is null)
        {
            using var buffer = new MemoryStream((int)file!.Length);
            await file.CopyToAsync(buffer, ct);
            var upload = await imports.UploadAsync(file.FileName, buffer.ToArray(), Form.Channel, Form.SalesDate!.Value, User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
            if (upload is SalesImports.Uploaded uploaded) return RedirectToPage("Details", new { id = uploaded.Id });
            ErrorKey = ((SalesImports.Refused)upload).Key;
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The template: the columns in order and two rows of real listings, UTF-8 with a BOM so Excel keeps the Chinese.</summary>
    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct)
    {
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Id).Take(2).Select(p => new { p.Slug, p.Price }).ToListAsync(ct);
        var lines = new List<string> { string.Join(',', ImportFile.Columns) };
        lines.AddRange(products.Select((p, i) => $"R{i + 1:0000},{9 + i}:30,{p.Slug},{i + 1},{p.Price.ToPlainString()},{new Money(p.Price.Fen * (i + 1)).ToPlainString()}"));
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")).ToArray();
        return File(bytes, "text/csv; charset=utf-8", "sales-import-template.csv");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CanChange = User.CanChange();
        Rows = await db.SalesImports.AsNoTracking().OrderByDescending(i => i.UploadedAtUtc).Take(50)
            .Select(i => new Row(i.Id, i.FileName, i.Channel, i.SalesDate, i.Rows, i.ValidRows, i.Status, i.CommittedRows, i.CommittedFen, i.UploadedAtUtc))
            .ToListAsync(ct);
    }
}
