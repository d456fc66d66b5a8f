using Hangfire;
using Microsoft.AspNetCore.OutputCaching;

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
        // The names are dropped with the catalog pages: the output cache store (as AddCatalogCache left it) is wrapped once more.
        builder.Services.AddSingleton<ReportNames>();
        var store = builder.Services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        builder.Services.Remove(store);
        builder.Services.AddSingleton<IOutputCacheStore>(sp => new ReportNames.EvictingStore(
            (IOutputCacheStore)(store.ImplementationInstance ?? store.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, store.ImplementationType!)),
            sp.GetRequiredService<ReportNames>()));
        builder.Services.AddScoped<ReportExports>();
        builder.Services.AddScoped<ReportExportJob>();
        return builder;
    }

    /// <summary>Every minute: builds pending exports and removes the files of expired ones.</summary>
    public static void MapReports(this WebApplication app) =>
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<ReportExportJob>("report-exports", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
}
