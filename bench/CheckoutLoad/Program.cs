// Usage: CheckoutLoad <base-url> <buyers> <seconds> <provider> <connection-string> [--prepare-only] [--accept-local-cert]
// Prepares <buyers> consumer accounts and a well-stocked product in the shop's database (through the shop's own
// services), then has every buyer repeat add-to-cart → checkout → sandbox pay against the running shop.
// Prints one line: orders <n> seconds <s> orders/s <x> place-p50-ms <a> place-p95-ms <b> errors <e>
//   --prepare-only       only prepare the accounts and the product (bench/cluster notes the stock in between)
//   --accept-local-cert  accept any TLS certificate of localhost/127.0.0.1 (the cluster's nginx is self-signed)
// A failed step (an error status, a refused connection, a timeout) counts as one error and the buyer goes on.
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using ReliefMarket.Domain.Catalog;
using ReliefMarket.Web;
using ReliefMarket.Web.Data;

var flags = args.Where(a => a.StartsWith("--")).ToHashSet();
args = args.Where(a => !a.StartsWith("--")).ToArray();
var (baseUrl, buyers, seconds) = (args[0].TrimEnd('/'), int.Parse(args[1]), int.Parse(args[2]));
const string Slug = "hezhang-eggs", Password = "Bench-buyer-2026";

var builder = WebApplication.CreateBuilder([$"--Database:Provider={args[3]}", $"--ConnectionStrings:{args[3]}={args[4]}"]);
builder.Services.AddSingleton(TimeProvider.System);
builder.AddData();
builder.AddIdentity();
await using (var app = builder.Build())
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    (await db.Products.SingleAsync(p => p.Slug == Slug)).SetStock(Product.MaxStock);
    await db.SaveChangesAsync();
    var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
    for (var i = 0; i < buyers; i++)
    {
        var email = $"bench{i}@reliefmarket.test";
        if (await users.FindByEmailAsync(email) is not null) continue;
        var buyer = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
        await users.CreateAsync(buyer, Password);
        await users.AddToRoleAsync(buyer, Roles.Consumer); // only consumer accounts may buy
    }
}

if (flags.Contains("--prepare-only")) return;

var placeTimes = new List<double>();
var errors = 0;
// The first few failures are told on stderr (bench/checkout keeps it in bench/.out/load-<provider>.log).
void Failed(string why) { if (Interlocked.Increment(ref errors) <= 5) Console.Error.WriteLine($"error: {why}"); }
// Everyone signs in first (password hashing is slow on purpose); the clock starts when all have.
var signedIn = await Task.WhenAll(Enumerable.Range(0, buyers).Select(async i =>
{
    var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
    if (flags.Contains("--accept-local-cert"))
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => new Uri(baseUrl).Host is "localhost" or "127.0.0.1";
    var http = new HttpClient(new Cookies { InnerHandler = handler }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    // A few tries, as a node may be starting or gone.
    for (var attempt = 0; attempt < 5; attempt++)
    {
        try
        {
            var response = await SubmitAsync(http, "/account/login", Form.WithClass("login"), new() { ["Email"] = $"bench{i}@reliefmarket.test", ["Password"] = Password });
            if (response.StatusCode == HttpStatusCode.Redirect) break;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException) { Failed($"sign-in: {e.Message}"); continue; }
        Failed("sign-in refused");
    }
    return http;
}));
var stop = DateTime.UtcNow.AddSeconds(seconds);
var total = Stopwatch.StartNew();
await Task.WhenAll(signedIn.Select(async http =>
{
    using var _ = http;
    while (DateTime.UtcNow < stop)
    {
        try
        {
            await http.PostAsync("/cart/add", new FormUrlEncodedContent(new Dictionary<string, string> { ["slug"] = Slug, ["quantity"] = "1" }));
            var watch = Stopwatch.StartNew();
            var placed = await SubmitAsync(http, "/checkout", Form.WithClass("checkout"), new()
            {
                ["Address.Recipient"] = "压测", ["Address.Mobile"] = "13800000000", ["Address.Province"] = "广东省",
                ["Address.City"] = "广州市", ["Address.District"] = "番禺区", ["Address.Street"] = "沙湾古镇 1 号",
            }, timeTheSubmit: watch);
            var sandbox = placed.Headers.Location?.OriginalString;
            if (placed.StatusCode != HttpStatusCode.Redirect || sandbox is null || !sandbox.StartsWith("/payments/sandbox/")) { Failed($"place: {(int)placed.StatusCode} {sandbox}"); continue; }
            lock (placeTimes) placeTimes.Add(watch.Elapsed.TotalMilliseconds);
            var paid = await SubmitAsync(http, sandbox, Form.WithActionContaining("handler=Pay"), []);
            if (paid.StatusCode != HttpStatusCode.Redirect) Failed($"pay: {(int)paid.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException) { Failed(e.Message); }
    }
}));
total.Stop();

placeTimes.Sort();
double Percentile(double p) => placeTimes.Count == 0 ? 0 : placeTimes[(int)Math.Min(placeTimes.Count - 1, Math.Ceiling(p * placeTimes.Count) - 1)];
Console.WriteLine($"orders {placeTimes.Count} seconds {total.Elapsed.TotalSeconds:F1} orders/s {placeTimes.Count / total.Elapsed.TotalSeconds:F1} " +
                  $"place-p50-ms {Percentile(0.50):F1} place-p95-ms {Percentile(0.95):F1} errors {errors}");

// Opens a page, fills the form's fields (keeping its antiforgery token) and posts it; optionally times only the post.
static async Task<HttpResponseMessage> SubmitAsync(HttpClient http, string url, Func<string, bool> isTheForm, Dictionary<string, string> values, Stopwatch? timeTheSubmit = null)
{
    var html = await http.GetStringAsync(url);
    var (action, fields) = Form.Find(html, isTheForm) ?? throw new InvalidOperationException($"no such form on {url}");
    foreach (var (k, v) in values) fields[k] = v;
    timeTheSubmit?.Restart();
    var response = await http.PostAsync(string.IsNullOrEmpty(action) ? url : action, new FormUrlEncodedContent(fields));
    timeTheSubmit?.Stop();
    return response;
}

/// <summary>
/// Reads a form out of the shop's own markup (double-quoted attributes, as Razor writes them). A DOM parser (AngleSharp)
/// took half the load generator's CPU, and the generator shares the shop's two cores (docs/decisions/0031).
/// </summary>
static class Form
{
    private static readonly Regex Tag = new(@"<(form|input)\b([^>]*)>|</form>", RegexOptions.Compiled | RegexOptions.IgnoreCase);
    private static readonly Regex Attribute = new(@"([\w.:-]+)\s*=\s*""([^""]*)""", RegexOptions.Compiled);

    public static Func<string, bool> WithClass(string name) => tag => Attr(tag, "class")?.Split(' ').Contains(name) == true;
    public static Func<string, bool> WithActionContaining(string part) => tag => Attr(tag, "action")?.Contains(part) == true;

    /// <summary>The first form whose opening tag matches: its action and its inputs' names and values (checkboxes left unticked, as a browser sends them: their hidden "false" twin carries the name).</summary>
    public static (string? Action, Dictionary<string, string> Fields)? Find(string html, Func<string, bool> isTheForm)
    {
        Dictionary<string, string>? fields = null;
        string? action = null;
        foreach (Match m in Tag.Matches(html))
        {
            if (m.Value.StartsWith("</", StringComparison.Ordinal)) { if (fields is not null) return (action, fields); continue; }
            var attributes = m.Groups[2].Value;
            if (m.Groups[1].Value.Equals("form", StringComparison.OrdinalIgnoreCase))
            {
                if (fields is null && isTheForm(attributes)) (fields, action) = ([], Attr(attributes, "action"));
            }
            else if (fields is not null && Attr(attributes, "name") is { } name && Attr(attributes, "type") is not ("checkbox" or "submit"))
                fields[name] = Attr(attributes, "value") ?? "";
        }
        return fields is null ? null : (action, fields);
    }

    private static string? Attr(string attributes, string name)
    {
        foreach (Match a in Attribute.Matches(attributes))
            if (a.Groups[1].Value.Equals(name, StringComparison.OrdinalIgnoreCase)) return WebUtility.HtmlDecode(a.Groups[2].Value);
        return null;
    }
}

/// <summary>
/// A cookie jar that also sends Secure cookies over plain http: in Production every cookie is Secure (the shop sits
/// behind https), and CookieContainer would keep them to itself when the bench talks to Kestrel on http://127.0.0.1.
/// </summary>
sealed class Cookies : DelegatingHandler
{
    private readonly Dictionary<string, string> _jar = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (_jar.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _jar.Select(c => $"{c.Key}={c.Value}")));
        var response = await base.SendAsync(request, ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            foreach (var cookie in cookies)
            {
                var pair = cookie.Split(';')[0];
                var (name, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
                if (value.Length == 0 || cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _jar.Remove(name);
                else _jar[name] = value;
            }
        return response;
    }
}
