using Hangfire;
using Hangfire.PostgreSql;

namespace ReliefMarket.Web.Jobs;

public enum JobStorage { InMemory, Postgres }

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>InMemory (embedded default; recurring jobs are re-registered at start) or Postgres (production, shared by instances).</summary>
    public JobStorage Storage { get; set; } = JobStorage.InMemory;
    /// <summary>Run the job server in this instance.</summary>
    public bool RunServer { get; set; } = true;
}

public static class JobsExtensions
{
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new();
        builder.Services.AddHangfire(c =>
        {
            c.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (options.Storage == JobStorage.Postgres)
                c.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(builder.Configuration.GetConnectionString("Postgres")));
            else c.UseInMemoryStorage();
        });
        if (options.RunServer) builder.Services.AddHangfireServer(o => o.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        builder.Services.AddScoped<ExpireUnpaidOrdersJob>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));
        return builder;
    }

    public const string AdminPolicy = "Admin";
    public const string DashboardPath = "/admin/jobs";

    /// <summary>
    /// Recurring jobs read what to do from the database, so a lost in-memory queue loses nothing. The dashboard is
    /// for administrators only, through ASP.NET's own authorization (Hangfire's local-requests filter is replaced).
    /// </summary>
    public static void MapJobs(this WebApplication app)
    {
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<ExpireUnpaidOrdersJob>("expire-unpaid-orders", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        app.MapHangfireDashboardWithAuthorizationPolicy(AdminPolicy, DashboardPath,
            new DashboardOptions { Authorization = [], AppPath = "/", DashboardTitle = "ReliefMarket jobs", DisplayStorageConnectionString = false });
    }
}
