using ReliefMarket.Web;
using ReliefMarket.Web.Email;
using ReliefMarket.Web.Hosting;
using ReliefMarket.Web.Jobs;
using ReliefMarket.Web.Localization;
using ReliefMarket.Web.Ordering;
using ReliefMarket.Web.Payments;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.AddSite();
builder.AddData();
builder.AddIdentity();
builder.AddLocalizedRazorPages();
builder.AddCatalogCache();
builder.AddPayments();
builder.AddOrdering();
builder.AddJobs();
builder.AddEmail();

var app = builder.Build();

app.LogProviders();
await app.PrepareDatabaseAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseRequestLocalization();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
// After authentication, so the cache policy sees who is signed in and caches anonymous pages only.
app.UseOutputCache();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapHealth();
app.MapSitemap();
app.MapStripeWebhook();
app.MapJobs();
app.MapEmail();
app.MapOrdering();

app.Run();

public partial class Program;
