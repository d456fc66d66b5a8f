using Hangfire;
using ReliefMarket.Web.Payouts;

namespace ReliefMarket.Web.Settlement;

public static class SettlementExtensions
{
    public static WebApplicationBuilder AddSettlement(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SettlementOptions>().BindConfiguration(SettlementOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<SettlementJob>();
        builder.Services.AddScoped<PayoutBatches>();
        builder.Services.AddScoped<StatementQueries>();
        builder.Services.AddScoped<IPayoutProvider, BankTransferPayouts>();
        if (builder.Configuration.GetSection(Payments.StripeOptions.Section).Get<Payments.StripeOptions>() is { Enabled: true })
            builder.Services.AddScoped<IPayoutProvider, StripeConnectPayouts>();
        return builder;
    }

    /// <summary>Daily at 00:10 China time: closes whatever periods have ended (a week on Mondays, a month on the 1st); otherwise a no-op.</summary>
    public static void MapSettlement(this WebApplication app) =>
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<SettlementJob>("close-settlement-periods",
            j => j.RunAsync(CancellationToken.None), "10 0 * * *", new RecurringJobOptions { TimeZone = ChinaTime.Zone });
}
