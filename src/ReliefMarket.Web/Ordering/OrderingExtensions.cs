namespace ReliefMarket.Web.Ordering;

public static class OrderingExtensions
{
    public static WebApplicationBuilder AddOrdering(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CartStore>();
        builder.Services.AddScoped<OrderPlacement>();
        builder.Services.AddOptions<OrderingOptions>().BindConfiguration(OrderingOptions.Section)
            .Validate(o => o.MaxOpenUnpaidOrders > 0 && o.MaxUnitsPerProduct > 0, "Ordering: limits must be positive.")
            .ValidateOnStart();
        return builder;
    }
}
