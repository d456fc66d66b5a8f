using Microsoft.EntityFrameworkCore;

// Without ConnectionStrings:Floor the page lists a fixed product and EF Core is never touched: Razor Pages alone.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorPages();
if (builder.Configuration.GetConnectionString("Floor") is { } connectionString)
    builder.Services.AddDbContext<FloorDb>(o => o.UseSqlite(connectionString));
var app = builder.Build();
using (var scope = app.Services.CreateScope())
{
    if (scope.ServiceProvider.GetService<FloorDb>() is { } db && db.Database.EnsureCreated())
    {
        db.Products.Add(new Product { Name = "威宁土豆" });
        db.SaveChanges();
    }
}
app.MapRazorPages();
app.Run();

public sealed class FloorDb(DbContextOptions<FloorDb> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();
}

public sealed class Product
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
}
