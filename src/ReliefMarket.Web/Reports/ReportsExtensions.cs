using Hangfire;

namespace ReliefMarket.Web.Reports;

public static class ReportsExtensions
{
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section)
            .Validate(o => o.BackgroundExportDays > 0 && o.BackgroundExportRows > 0 && o.DownloadHours > 0,
                "Reports:BackgroundExportDays, BackgroundExportRows and DownloadHours must be positive.")
            .ValidateOnStart();
        builder.Services.AddScoped<AidReport>();
        // The names are dropped with the catalog pages.
        builder.AddCatalogCopy<ReportNames>();
        builder.Services.AddScoped<ReportExports>();
        builder.Services.AddScoped<ReportExportJob>();
        return builder;
    }

    /// <summary>Every minute: builds pending exports and removes the files of expired ones.</summary>
    public static void MapReports(this WebApplication app) =>
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<ReportExportJob>("report-exports", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
}
