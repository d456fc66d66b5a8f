using Microsoft.Extensions.Options;
using ReliefMarket.Web.Email;
using ReliefMarket.Web.Jobs;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Hosting;

/// <summary>
/// Production must be configured on purpose: a shop that silently fell back to the sandbox would hand out free
/// goods, one that fell back to a pickup folder would swallow every email, and one without a public address would
/// build links from whatever Host header an attacker sends. Each fallback stays available, but only when asked for.
/// </summary>
public static class HostingExtensions
{
    public static WebApplicationBuilder AddSite(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section)
            .Validate(o => SiteLinks.IsValid(o.PublicBaseUrl),
                "Site:PublicBaseUrl must be an absolute http(s) address without query or credentials, e.g. https://shop.example.org.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SiteLinks>();
        if (builder.Environment.IsProduction()) RefuseUnsafeDefaults(builder.Configuration);
        return builder;
    }

    /// <summary>What Production is missing, all at once, so the operator fixes the configuration in one go.</summary>
    internal static IReadOnlyList<string> ProductionProblems(IConfiguration config)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(config[$"{SiteOptions.Section}:PublicBaseUrl"]))
            problems.Add("Site:PublicBaseUrl is not set: links in emails, payment return pages and the sitemap need the shop's public address (https://shop.example.org).");
        if (string.IsNullOrWhiteSpace(config[$"{StripeOptions.Section}:SecretKey"]) && !config.GetValue<bool>(PaymentMode.UseSandboxKey))
            problems.Add("No payment provider: set Payments:Stripe:SecretKey and Payments:Stripe:WebhookSecret, "
                + "or opt in to the sandbox, where anyone signed in can mark their own order paid, with Payments:UseSandbox=true.");
        if (string.IsNullOrWhiteSpace(config[$"{EmailOptions.Section}:Smtp:Host"]) && !config.GetValue<bool>($"{EmailOptions.Section}:UsePickupFolder"))
            problems.Add("No SMTP server: set Email:Smtp:Host (and credentials), or write emails to files with Email:UsePickupFolder=true.");
        return problems;
    }

    private static void RefuseUnsafeDefaults(IConfiguration config)
    {
        var problems = ProductionProblems(config);
        if (problems.Count > 0)
            throw new InvalidOperationException("ReliefMarket refuses to start in Production:" + string.Concat(problems.Select(p => "\n  - " + p)));
    }

    /// <summary>One line at start-up that says which providers this instance really uses.</summary>
    public static void LogProviders(this WebApplication app)
    {
        var config = app.Configuration;
        var email = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var jobs = config.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new();
        app.Logger.LogInformation(
            "ReliefMarket ({Environment}): database {Database}, job storage {Jobs}, payments {Payments}, email {Email}, public address {BaseUrl}, demo data {Demo}",
            app.Environment.EnvironmentName, database.Provider, jobs.Storage,
            app.Services.GetRequiredService<PaymentMode>().IsSandbox ? "sandbox (test mode: no money moves)" : "Stripe",
            email.Smtp.Host.Length > 0 ? $"SMTP {email.Smtp.Host}:{email.Smtp.Port}" : $"pickup folder {email.PickupFolder}",
            app.Services.GetRequiredService<SiteLinks>().BaseUrl,
            database.SeedDemoData ? "seeded" : "off");
    }
}
