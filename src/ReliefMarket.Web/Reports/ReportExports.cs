using System.Globalization;
using Hangfire;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ReliefMarket.Web.Reports;

/// <summary>When an export is built in the background instead of while the person waits (configuration section "Reports").</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>Exports of a period longer than this many days are built in the background and emailed.</summary>
    public int BackgroundExportDays { get; set; } = 92;
    /// <summary>… and so are exports over more attribution entries than this, whatever the period.</summary>
    public int BackgroundExportRows { get; set; } = 50_000;
    /// <summary>How long the emailed download link works.</summary>
    public int DownloadHours { get; set; } = 24;
}

/// <summary>Decides whether an export is built now or in the background, records background requests and finds their files.</summary>
public sealed class ReportExports(AppDbContext db, AidReport report, IOptions<ReportOptions> options, TimeProvider clock,
    IServiceProvider services, ILogger<ReportExports> log)
{
    public bool IsLongPeriod(AidReportQuery query) => query.To.DayNumber - query.From.DayNumber + 1 > options.Value.BackgroundExportDays;

    /// <summary>The report for a page: the downloads are offered by email when the period is long.</summary>
    public async Task<AidReportResult> ViewAsync(IQueryCollection parameters, int? producerScope, CancellationToken ct)
    {
        var result = await report.RunAsync(parameters, producerScope, ct);
        return result with { ExportInBackground = IsLongPeriod(result.Query) };
    }

    /// <summary>The file at once when it is small; otherwise no file, and the report for the page saying why.</summary>
    public async Task<(AidReportResult Report, Microsoft.AspNetCore.Mvc.FileContentResult? File)> DownloadAsync(IQueryCollection parameters,
        int? producerScope, ReportExportFormat format, CancellationToken ct)
    {
        var result = await report.RunAsync(parameters, producerScope, ct);
        if (InBackground(result)) return (result with { ExportInBackground = true, ExportTooLarge = true }, null);
        var name = ReportFiles.Name(producerScope);
        return (result, format == ReportExportFormat.Xlsx ? ReportFiles.Xlsx(report, result, name) : ReportFiles.Csv(report, result, name));
    }

    /// <summary>Too long a period, or too many entries (counted by the report's own query, not a second one).</summary>
    private bool InBackground(AidReportResult result) => IsLongPeriod(result.Query) || result.Entries > options.Value.BackgroundExportRows;

    /// <summary>Records the request and nudges the export job; the job also runs every minute, so losing the nudge loses nothing.</summary>
    public async Task<ReportExport> RequestAsync(string userId, AidReportQuery query, int? producerScope, ReportExportFormat format, CancellationToken ct)
    {
        var export = new ReportExport(userId, producerScope, query.ToQueryString(), format,
            CultureInfo.CurrentUICulture.Name == "en" ? "en" : "zh-CN", clock.GetUtcNow().UtcDateTime);
        db.ReportExports.Add(export);
        await db.SaveChangesAsync(ct);
        try { services.GetRequiredService<IBackgroundJobClient>().Enqueue<ReportExportJob>(j => j.RunAsync(CancellationToken.None)); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning("Could not queue an immediate export run: {Error}", e.Message);
        }
        return export;
    }

    /// <summary>The requester's own export, or null (someone else's id answers as if it did not exist).</summary>
    public Task<ReportExport?> FindOwnAsync(Guid id, string userId, CancellationToken ct) =>
        db.ReportExports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.RequestedBy == userId, ct);

    /// <summary>The export an emailed link names, if it is this user's.</summary>
    public Task<ReportExport?> FindByTokenAsync(string token, string userId, CancellationToken ct)
    {
        var hash = Access.Invitation.Hash(token);
        return db.ReportExports.AsNoTracking().SingleOrDefaultAsync(e => e.TokenHash == hash && e.RequestedBy == userId, ct);
    }

    public static IQueryCollection ParseParameters(string parameters) => new QueryCollection(QueryHelpers.ParseQuery(parameters));
}
