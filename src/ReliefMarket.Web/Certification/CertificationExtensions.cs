using Hangfire;

namespace ReliefMarket.Web.Certification;

public static class CertificationExtensions
{
    public static WebApplicationBuilder AddCertification(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Certifier>();
        builder.Services.AddScoped<CertificateExpiryJob>();
        return builder;
    }

    /// <summary>Ten past midnight China time, so a certificate valid "until" a day lapses as that day ends there.</summary>
    public static void MapCertification(this WebApplication app) =>
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<CertificateExpiryJob>("expire-certificates",
            j => j.RunAsync(CancellationToken.None), "10 0 * * *", new RecurringJobOptions { TimeZone = ChinaTime.Zone });
}
