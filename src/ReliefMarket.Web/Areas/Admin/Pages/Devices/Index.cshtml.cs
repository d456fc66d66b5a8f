using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Channels;
using ReliefMarket.Web.Jobs;

namespace ReliefMarket.Web.Areas.Admin.Pages.Devices;

/// <summary>
/// /admin/devices: the machines that report offline sales. Staff see them; only an Admin registers, rotates or revokes.
/// A new key is shown in the response to the post that made it and nowhere else: only its hash is kept.
/// </summary>
public class IndexModel(AppDbContext db, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Name, string Location, Channel Channel, bool DrawsOnStock, string KeyPrefix,
        DateTime KeyIssuedAtUtc, DateTime? RevokedAtUtc, int Sales, int Flagged);

    public sealed class RegisterForm
    {
        public string? Name { get; set; }
        public string? Location { get; set; }
        public Channel Channel { get; set; } = Channel.VendingCabinet;
        public bool DrawsOnStock { get; set; }
    }

    public static readonly Channel[] DeviceChannels = [Channel.VendingCabinet, Channel.ExhibitionCenter];

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool CanChange { get; private set; }
    public (string Device, string Key)? NewKey { get; private set; }
    public string? ErrorKey { get; private set; }

    [BindProperty] public RegisterForm Form { get; set; } = new();

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken ct)
    {
        if (!await IsAdminAsync()) return Forbid();
        var name = Form.Name?.Trim() ?? "";
        var location = Form.Location?.Trim() ?? "";
        ErrorKey = name.Length is 0 or > Device.MaxNameLength ? "Devices.Error.Name"
            : location.Length is 0 or > Device.MaxLocationLength ? "Devices.Error.Location"
            : !DeviceChannels.Contains(Form.Channel) ? "Devices.Error.Channel"
            : null;
        if (ErrorKey is null)
        {
            var (key, stored) = DeviceKey.New();
            db.Devices.Add(new Device(name, location, Form.Channel, Form.DrawsOnStock, stored, Now));
            await db.SaveChangesAsync(ct);
            ShowOnce(name, key);
            Form = new();
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(int id, CancellationToken ct)
    {
        if (!await IsAdminAsync()) return Forbid();
        var device = await db.Devices.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (device is null) return NotFound();
        if (device.IsRevoked) ErrorKey = "Devices.Error.Revoked";
        else
        {
            var (key, stored) = DeviceKey.New();
            device.RotateKey(stored, Now);
            await db.SaveChangesAsync(ct);
            ShowOnce(device.Name, key);
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        if (!await IsAdminAsync()) return Forbid();
        var device = await db.Devices.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (device is null) return NotFound();
        device.Revoke(Now);
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    private void ShowOnce(string device, string key)
    {
        NewKey = (device, key);
        // The key is in this page only: no cache, proxy or back button may keep a copy.
        Response.Headers.CacheControl = "no-store";
    }

    /// <summary>
    /// The area lets Auditors in; changing devices is for Admins. Checked per handler because Razor Pages ignore
    /// [Authorize] on handler methods, and on the class it would shut Auditors out of reading too.
    /// </summary>
    private async Task<bool> IsAdminAsync() => (await authorization.AuthorizeAsync(User, JobsExtensions.AdminPolicy)).Succeeded;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task LoadAsync(CancellationToken ct)
    {
        CanChange = await IsAdminAsync();
        Rows = await db.Devices.AsNoTracking().OrderBy(d => d.RevokedAtUtc != null).ThenBy(d => d.Name)
            .Select(d => new Row(d.Id, d.Name, d.Location, d.Channel, d.DrawsOnStock, d.KeyPrefix, d.KeyIssuedAtUtc, d.RevokedAtUtc,
                db.DeviceSales.Count(s => s.DeviceId == d.Id), db.DeviceSales.Count(s => s.DeviceId == d.Id && s.NeedsReview)))
            .ToListAsync(ct);
    }
}
