using Hangfire;

namespace ReliefMarket.Web.Ordering;

public static class OrderingExtensions
{
    public static WebApplicationBuilder AddOrdering(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CartStore>();
        builder.Services.AddScoped<OrderPlacement>();
        builder.Services.AddOptions<OrderingOptions>().BindConfiguration(OrderingOptions.Section)
            .Validate(o => o.MaxOpenUnpaidOrders > 0 && o.MaxUnitsPerProduct > 0 && o.AbandonedCartDays > 0, "Ordering: limits must be positive.")
            .ValidateOnStart();
        builder.Services.AddScoped<PurgeAbandonedCartsJob>();
        builder.Services.AddScoped<Fulfilment>();
        return builder;
    }

    public static void MapOrdering(this WebApplication app)
    {
        app.MapCartCount();
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<PurgeAbandonedCartsJob>("purge-abandoned-carts", j => j.RunAsync(CancellationToken.None), Cron.Daily(3));
    }
}
