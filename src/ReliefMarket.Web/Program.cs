using ReliefMarket.Web;
using ReliefMarket.Web.Areas.Admin;
using ReliefMarket.Web.Areas.Cooperative;
using ReliefMarket.Web.Certification;
using ReliefMarket.Web.Channels;
using ReliefMarket.Web.Email;
using ReliefMarket.Web.Hosting;
using ReliefMarket.Web.Jobs;
using ReliefMarket.Web.Listings;
using ReliefMarket.Web.Ledger;
using ReliefMarket.Web.Localization;
using ReliefMarket.Web.Ordering;
using ReliefMarket.Web.Payments;
using ReliefMarket.Web.Procurement;
using ReliefMarket.Web.Reports;
using ReliefMarket.Web.Security;
using ReliefMarket.Web.Settlement;

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
builder.AddLedger();
builder.AddSettlement();
builder.AddCertification();
builder.AddTelemetry();
builder.AddHttpHardening();
builder.AddPageCompression();
builder.AddAdminArea();
builder.AddCooperativeArea();
builder.AddListings();
builder.AddChannels();
builder.AddProcurement();
builder.AddReports();

var app = builder.Build();

app.LogProviders();
await app.PrepareDatabaseAsync();

app.UseHttpHardening();
app.UseResponseCompression();
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
app.UseRateLimits();
// After authentication, so the cache policy sees who is signed in and varies catalog pages by the header they show.
app.UseOutputCache();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapHealth();
app.MapSitemap();
app.MapStripeWebhook();
app.MapJobs();
app.MapEmail();
app.MapLedger();
app.MapSettlement();
app.MapCertification();
app.MapOrdering();
app.MapPhotos();
app.MapChannels();
app.MapProcurement();
app.MapReports();

app.Run();

public partial class Program;
