using Microsoft.Extensions.Options;
using Stripe;

namespace ReliefMarket.Web.Payments;

public static class PaymentsExtensions
{
    /// <summary>
    /// Stripe when Payments:Stripe:SecretKey is set (then a webhook secret is required), otherwise the local sandbox,
    /// which Production accepts only with Payments:UseSandbox=true (see Hosting/HostingExtensions.cs).
    /// </summary>
    public static WebApplicationBuilder AddPayments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StripeOptions>().BindConfiguration(StripeOptions.Section)
            .Validate(o => !o.Enabled || o.WebhookSecret.StartsWith("whsec_"), "Payments:Stripe:WebhookSecret (whsec_…) is required with a secret key.")
            .Validate(o => o.PaymentMethods.Length > 0, "Payments:Stripe:PaymentMethods needs at least one method.")
            .ValidateOnStart();
        builder.Services.AddOptions<ShippingOptions>().BindConfiguration(ShippingOptions.Section)
            .Validate(o => o.FlatFeeFen >= 0 && o.FreeAboveFen >= 0, "Shipping fees cannot be negative.")
            .Validate(o => o.CarrierCodes.All(c => c.Length is > 0 and <= Shipment.MaxCarrierLength && c.All(char.IsAsciiLetterOrDigit))
                           && o.CarrierCodes.Distinct().Count() == o.CarrierCodes.Count,
                "Shipping:Carriers must be distinct codes of ASCII letters and digits, at most 32 characters.")
            .ValidateOnStart();

        var stripe = builder.Configuration.GetSection(StripeOptions.Section).Get<StripeOptions>() ?? new();
        if (stripe.Enabled)
        {
            builder.Services.AddSingleton<IStripeClient>(sp =>
            {
                var o = sp.GetRequiredService<IOptions<StripeOptions>>().Value;
                var client = new StripeClientOptions { ApiKey = o.SecretKey };
                if (o.ApiBase.Length > 0) client.ApiBase = client.ConnectBase = client.FilesBase = o.ApiBase.TrimEnd('/');
                return new StripeClient(client);
            });
            builder.Services.AddScoped<IPaymentGateway, StripeGateway>();
        }
        else builder.Services.AddScoped<IPaymentGateway, SandboxGateway>();
        builder.Services.AddSingleton(new PaymentMode(IsSandbox: !stripe.Enabled));

        builder.Services.AddScoped<PaymentEvents>();
        builder.Services.AddScoped<PaymentStarter>();
        builder.Services.AddScoped<Ordering.Stock>();
        return builder;
    }
}
