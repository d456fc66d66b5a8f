using Hangfire;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReliefMarket.Web.Ledger;

public static class LedgerExtensions
{
    public static WebApplicationBuilder AddLedger(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IInterceptor, AppendOnlyLedger>();
        builder.Services.AddScoped<LedgerBackPosting>();
        builder.Services.AddScoped<ReconciliationJob>();
        return builder;
    }

    /// <summary>Reconciles daily at 02:00 China time; back-posts old orders once at start (a no-op when done).</summary>
    public static void MapLedger(this WebApplication app)
    {
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<ReconciliationJob>("reconcile-ledger",
            j => j.RunAsync(CancellationToken.None), Cron.Daily(2), new RecurringJobOptions { TimeZone = ChinaTime.Zone });
        app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<LedgerBackPosting>(j => j.RunAsync(CancellationToken.None));
    }
}
