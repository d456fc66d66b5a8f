using System.Globalization;
using Hangfire;
using Microsoft.Extensions.Options;
using ReliefMarket.Web.Email;

namespace ReliefMarket.Web.Reports;

/// <summary>
/// Builds the pending exports, oldest first, one save per export: the file, the hash of a fresh download token and the
/// email carrying that token are written together, so an export is emailed once however often the job runs. A failure
/// is retried with backoff. Then removes the files whose link has expired.
/// </summary>
public sealed class ReportExportJob(AppDbContext db, AidReport report, EmailTemplates templates, EmailOutbox outbox,
    IOptions<ReportOptions> options, TimeProvider clock, ILogger<ReportExportJob> log)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)] // exports have their own retry schedule
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.ReportExports.Where(ReportExport.DueAt(now)).OrderBy(e => e.RequestedAtUtc).Take(20).ToListAsync(ct);
        var built = 0;
        foreach (var export in due)
        {
            try
            {
                var email = await db.Users.Where(u => u.Id == export.RequestedBy).Select(u => u.Email).SingleAsync(ct);
                var token = Access.Invitation.NewToken();
                var file = await BuildAsync(export, ct);
                var content = templates.ReportReady(export.Culture, file.FileDownloadName, options.Value.DownloadHours,
                    outbox.Link($"/reports/download/{token}"));
                export.MarkReady(file.FileDownloadName, file.FileContents, Access.Invitation.Hash(token), clock.GetUtcNow().UtcDateTime,
                    TimeSpan.FromHours(options.Value.DownloadHours));
                outbox.Add(email!, content, "report-ready");
                built++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("Report export {ExportId} failed (attempt {Attempt}): {Error}", export.Id, export.Attempts + 1, e.Message);
                export.MarkFailed(e.Message, clock.GetUtcNow().UtcDateTime);
            }
            await db.SaveChangesAsync(ct);
        }
        if (built > 0) outbox.SendSoon();
        // The row stays, so an old link says "expired" rather than "not found".
        await db.ReportExports.Where(e => e.ExpiresAtUtc <= now && e.Content != null)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Content, (byte[]?)null), ct);
        return built;
    }

    /// <summary>The same file the page would have sent, in the requester's language and scope.</summary>
    private async Task<Microsoft.AspNetCore.Mvc.FileContentResult> BuildAsync(ReportExport export, CancellationToken ct)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(export.Culture);
        try
        {
            var result = await report.RunAsync(ReportExports.ParseParameters(export.Parameters), export.ProducerScope, ct);
            var name = ReportFiles.Name(export.ProducerScope);
            return export.Format == ReportExportFormat.Xlsx ? ReportFiles.Xlsx(report, result, name) : ReportFiles.Csv(report, result, name);
        }
        finally { CultureInfo.CurrentUICulture = before; }
    }
}
