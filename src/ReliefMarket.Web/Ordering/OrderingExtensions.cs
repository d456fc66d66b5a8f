namespace ReliefMarket.Web.Ordering;

public static class OrderingExtensions
{
    public static WebApplicationBuilder AddOrdering(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CartStore>();
        builder.Services.AddScoped<OrderPlacement>();
        builder.Services.AddScoped<Fulfilment>();
        return builder;
    }
}
