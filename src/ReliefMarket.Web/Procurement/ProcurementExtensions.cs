using Hangfire;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Access;

namespace ReliefMarket.Web.Procurement;

/// <summary>
/// Work-unit procurement: the services, and /unit — the buyers' area. Every /unit page needs a buyer linked to a unit,
/// applied to the folder so that a new page cannot forget it; every query then filters by <see cref="CurrentUser.WorkUnitId"/>.
/// </summary>
public static class ProcurementExtensions
{
    public const string BuyerPolicy = "WorkUnitBuyer";

    public static WebApplicationBuilder AddProcurement(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProcurementOptions>().BindConfiguration(ProcurementOptions.Section)
            .Validate(o => o.MaxUnitsPerProduct is > 0 and <= OrderLine.MaxQuantity && o.PaymentDays is > 0 and <= 365
                           && !string.IsNullOrWhiteSpace(o.BankAccountName) && !string.IsNullOrWhiteSpace(o.BankName) && !string.IsNullOrWhiteSpace(o.BankAccountNumber),
                "Procurement: a ceiling between 1 and an order line's maximum, 1 to 365 payment days, and the receiving bank account.")
            .ValidateOnStart();
        builder.Services.AddScoped<UnitPurchases>();
        builder.Services.AddScoped<TransferConfirmation>();
        builder.Services.AddScoped<UnpaidProcurement>();
        builder.Services.AddScoped<ProcurementEmails>();
        builder.Services.AddScoped<ExpireUnpaidProcurementJob>();
        builder.Services.AddScoped<WorkUnitInvitations>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(BuyerPolicy, p => p
            .RequireRole(Roles.WorkUnitBuyer)
            .RequireClaim(CurrentUser.WorkUnitClaim));
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeAreaFolder("Unit", "/", BuyerPolicy);
            // Served under /unit rather than the area's capitalised name.
            o.Conventions.AddAreaFolderRouteModelConvention("Unit", "/", model =>
            {
                foreach (var selector in model.Selectors)
                    if (selector.AttributeRouteModel?.Template is { } template && template.StartsWith("Unit", StringComparison.Ordinal))
                        selector.AttributeRouteModel.Template = "unit" + template["Unit".Length..];
            });
        });
        return builder;
    }

    /// <summary>Unpaid orders past their deadline are cancelled hourly: a deadline is days away, an hour late is nothing.</summary>
    public static void MapProcurement(this WebApplication app) =>
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<ExpireUnpaidProcurementJob>("expire-unpaid-procurement",
            j => j.RunAsync(CancellationToken.None), Cron.Hourly());
}
