using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;

namespace ReliefMarket.Web.Tests.Jobs;

/// <summary>Hangfire keeps its storage in a process-wide static: these tests must not run beside other shops.</summary>
[CollectionDefinition(nameof(JobStorageCollection), DisableParallelization = true)]
public sealed class JobStorageCollection;

/// <summary>The production set-up: Hangfire's storage in PostgreSQL, shared by every instance.</summary>
public sealed class PostgresJobsShop : PostgresShop
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:Storage", "Postgres");
    }
}

[Collection(nameof(JobStorageCollection))]
public class JobStorageTests(PostgresJobsShop shop) : IClassFixture<PostgresJobsShop>
{
    [Fact]
    public void The_order_expiry_job_is_registered_every_minute_in_PostgreSQL_storage()
    {
        _ = shop.Server; // start the app
        var storage = shop.Services.GetRequiredService<JobStorage>();
        Assert.Equal("Hangfire.PostgreSql.PostgreSqlStorage", storage.GetType().FullName);
        using var connection = storage.GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == "expire-unpaid-orders");
        Assert.Equal("* * * * *", job.Cron);
    }
}

[Collection(nameof(JobStorageCollection))]
public class InMemoryJobStorageTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    [Fact]
    public void The_embedded_default_keeps_jobs_in_memory_and_still_registers_the_expiry_job()
    {
        _ = shop.Server;
        var storage = shop.Services.GetRequiredService<JobStorage>();
        Assert.Equal("Hangfire.InMemory.InMemoryStorage", storage.GetType().FullName);
        using var connection = storage.GetConnection();
        Assert.Contains(connection.GetRecurringJobs(), j => j.Id == "expire-unpaid-orders");
    }
}
