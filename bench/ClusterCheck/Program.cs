// The proof that two nodes behind nginx act as one shop; run by `bash scripts/cluster check`.
// Usage: ClusterCheck --public-url https://localhost:8443 --node1 http://127.0.0.1:5101 --node2 http://127.0.0.1:5102
//                     --connection <PostgreSQL connection string> --mail <pickup folder>
//                     --demo-password <password> --both-up-at <unix seconds when both nodes were ready>
// Prints one line per check, "PASS <check>: <what was seen>" or "FAIL <check>: <why>", and exits 1 when any failed.
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using MimeKit;
using Npgsql;

var options = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
string Opt(string name) => options.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
var publicUrl = Opt("public-url").TrimEnd('/');
var node1 = Opt("node1").TrimEnd('/');
var node2 = Opt("node2").TrimEnd('/');
var connection = Opt("connection");
var mailFolder = Opt("mail");
var demoPassword = Opt("demo-password");
var bothUpAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Opt("both-up-at")));
const string Consumer = "consumer@reliefmarket.test";

// One HttpClient for every "browser"; each Browser keeps its own cookies, so a cookie can be carried from
// nginx to a node's own port exactly as it is. The self-signed certificate is accepted for this machine only.
using var http = new HttpClient(new SocketsHttpHandler
{
    AllowAutoRedirect = false,
    UseCookies = false,
    SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
}) { Timeout = TimeSpan.FromSeconds(30) };
foreach (var host in new[] { publicUrl, node1, node2 })
    if (new Uri(host).Host is not ("localhost" or "127.0.0.1"))
        throw new ArgumentException($"{host}: only a cluster on this machine is checked (its certificate is not verified)");

var failures = 0;
async Task Check(string name, Func<Task<string>> body)
{
    try { Console.WriteLine($"PASS {name}: {await body()}"); }
    catch (CheckFailed e) { failures++; Console.WriteLine($"FAIL {name}: {e.Message}"); }
    catch (Exception e) { failures++; Console.WriteLine($"FAIL {name}: {e.GetType().Name}: {e.Message}"); }
}

// Signs in on one node's own port: the starting point of checks b and c, independent of check a.
async Task<Browser> SignedInOnNode1()
{
    var b = new Browser(http, node1, node2);
    var r = await b.SubmitAsync($"{node1}/account/login", "form.form", new() { ["Email"] = Consumer, ["Password"] = demoPassword });
    if (r.StatusCode != HttpStatusCode.Redirect || Location(r).Contains("/account/login"))
        throw new CheckFailed($"the demo consumer could not sign in on node 1 itself ({Describe(r)}); are demo accounts enabled (Database:SeedDemoData, DemoAccounts:Password)?");
    return b;
}

await Check("a. signed in through nginx, still signed in on the other node", async () =>
{
    var b = new Browser(http, node1, node2);
    var r = await b.SubmitAsync($"{publicUrl}/account/login", "form.form", new() { ["Email"] = Consumer, ["Password"] = demoPassword });
    if (r.StatusCode != HttpStatusCode.Redirect || Location(r).Contains("/account/login"))
        throw new CheckFailed($"signing in through nginx answered {Describe(r)} (the login form came from {b.LastGetUpstream}, the post went to {Upstream(r)})");
    var upstreams = new HashSet<string>();
    for (var i = 0; i < 4; i++)
    {
        var orders = await b.SendAsync(HttpMethod.Get, $"{publicUrl}/orders");
        if (orders.StatusCode != HttpStatusCode.OK)
            throw new CheckFailed($"request {i + 1} for /orders after signing in answered {Describe(orders)} from {Upstream(orders)}; signed in on {Upstream(r)}");
        upstreams.Add(Upstream(orders));
    }
    if (upstreams.Count < 2) throw new CheckFailed($"all /orders requests went to {string.Join(", ", upstreams)}: round-robin did not reach both nodes");
    foreach (var node in new[] { node1, node2 })
    {
        var direct = await b.SendAsync(HttpMethod.Get, $"{node}/orders");
        if (direct.StatusCode != HttpStatusCode.OK) throw new CheckFailed($"{node}/orders with the same cookie answered {Describe(direct)}");
    }
    return $"signed in on {Upstream(r)}; /orders answered 200 from {string.Join(" and ", upstreams)} through nginx and from each node's own port";
});

await Check("b. a form rendered by node 1 posts to node 2", async () =>
{
    var b = await SignedInOnNode1();
    var r = await b.SubmitAsync($"{node1}/account/profile", "form.form", new() { ["DisplayName"] = "集群检查" }, postTo: node2);
    if (r.StatusCode == HttpStatusCode.BadRequest) throw new CheckFailed("node 2 rejected the antiforgery token node 1 rendered (400)");
    if (r.StatusCode == HttpStatusCode.Redirect && Location(r).Contains("/account/login"))
        throw new CheckFailed("node 2 did not accept node 1's sign-in cookie (redirect to sign-in)");
    if (r.StatusCode != HttpStatusCode.Redirect || !Location(r).Contains("saved", StringComparison.OrdinalIgnoreCase))
        throw new CheckFailed($"posting node 1's profile form to node 2 answered {Describe(r)}");
    return $"profile form from {node1} saved by {node2} ({(int)r.StatusCode} → {Location(r)})";
});

await Check("c. a stock change through node 1 shows on node 2 within 1 s", async () =>
{
    const int Left = 5; // at most DetailsModel.LowStock (10): the page then shows the number left
    await using var db = await NpgsqlDataSource.Create(connection).OpenConnectionAsync();
    var (slug, stock) = await Single(db, "SELECT slug, stock FROM products WHERE is_listed AND stock BETWEEN 11 AND 99 + 5 ORDER BY stock, slug LIMIT 1",
        r => (r.GetString(0), r.GetInt32(1)));
    var anonymous = new Browser(http, node1, node2);
    var page = $"{node2}/products/{slug}";
    string StockText(string html) => Html(html).QuerySelector("p.stock")?.TextContent.Trim() ?? "(no stock line)";
    var before = "";
    for (var i = 0; i < 2; i++) before = StockText(await anonymous.GetStringAsync(page)); // the second is served from node 2's cache
    var b = await SignedInOnNode1();
    var added = await b.SendAsync(HttpMethod.Post, $"{node1}/cart/add", new() { ["slug"] = slug, ["quantity"] = $"{stock - Left}" });
    if (!Location(added).Contains("added=")) throw new CheckFailed($"adding {stock - Left} × {slug} to the cart on node 1 answered {Describe(added)}");
    var placed = await b.SubmitAsync($"{node1}/checkout", "form.checkout", Address());
    var sandbox = Location(placed);
    if (placed.StatusCode != HttpStatusCode.Redirect || !sandbox.StartsWith("/payments/sandbox/"))
        throw new CheckFailed($"placing the order on node 1 answered {Describe(placed)}");
    var watch = Stopwatch.StartNew(); // the order's transaction (which reserved the stock) has committed
    var now = await Single(db, $"SELECT stock FROM products WHERE slug = '{slug}'", r => r.GetInt32(0));
    if (now != Left) throw new CheckFailed($"the database has stock {now} for {slug} after the order, not {Left}");
    var after = before;
    while (watch.ElapsedMilliseconds < 1000 && !after.Contains(Left.ToString()))
    {
        after = StockText(await anonymous.GetStringAsync(page));
        if (!after.Contains(Left.ToString())) await Task.Delay(50);
    }
    var seenAfter = watch.ElapsedMilliseconds;
    var paid = await b.SubmitAsync($"{node1}{sandbox}", "form[action*='handler=Pay']", []);
    if (!after.Contains(Left.ToString()))
        throw new CheckFailed($"{page} still showed \"{after}\" {seenAfter} ms after node 1 reserved stock ({stock} → {Left}); before: \"{before}\"");
    if (paid.StatusCode != HttpStatusCode.Redirect) throw new CheckFailed($"paying in the sandbox on node 1 answered {Describe(paid)}");
    return $"{slug}: node 2 showed \"{before}\" then \"{after}\" {seenAfter} ms after the order was placed on node 1; paid";
});

await Check("e. an email link made by one node works through nginx", async () =>
{
    var b = new Browser(http, node1, node2);
    var email = $"cluster-{Guid.NewGuid():N}"[..16] + "@reliefmarket.test";
    const string Password = "Cluster-check-2026";
    var r = await b.SubmitAsync($"{publicUrl}/account/register", "form.form", new() { ["Email"] = email, ["Password"] = Password, ["ConfirmPassword"] = Password });
    if (r.StatusCode != HttpStatusCode.Redirect || !Location(r).Contains("check-email"))
        throw new CheckFailed($"registering through nginx answered {Describe(r)} (form from {b.LastGetUpstream}, post to {Upstream(r)})");
    var watch = Stopwatch.StartNew();
    MimeMessage? message = null;
    while (message is null && watch.Elapsed < TimeSpan.FromSeconds(90))
    {
        message = Directory.Exists(mailFolder)
            ? Directory.GetFiles(mailFolder, "*.eml").Select(f => { try { return MimeMessage.Load(f); } catch (IOException) { return null; } catch (FormatException) { return null; } })
                .FirstOrDefault(m => m?.To.Mailboxes.Any(a => a.Address == email) == true)
            : null;
        if (message is null) await Task.Delay(500);
    }
    if (message is null) throw new CheckFailed($"no email to {email} in the pickup folder after {watch.Elapsed.TotalSeconds:F0} s");
    var link = Regex.Match(message.TextBody ?? message.HtmlBody ?? "", @"https?://[^\s""'<>]+/account/confirm[^\s""'<>]*").Value;
    if (link.Length == 0) throw new CheckFailed($"the email \"{message.Subject}\" has no /account/confirm link");
    if (!link.StartsWith(publicUrl + "/")) throw new CheckFailed($"the confirmation link starts {new Uri(link).GetLeftPart(UriPartial.Authority)}, not the public base URL {publicUrl}");
    var confirmed = await b.SendAsync(HttpMethod.Get, WebUtility.HtmlDecode(link));
    if (confirmed.StatusCode != HttpStatusCode.OK) throw new CheckFailed($"following the link through nginx answered {Describe(confirmed)} from {Upstream(confirmed)}");
    var signIn = await b.SubmitAsync($"{publicUrl}/account/login", "form.form", new() { ["Email"] = email, ["Password"] = Password });
    if (signIn.StatusCode != HttpStatusCode.Redirect || Location(signIn).Contains("/account/login"))
        throw new CheckFailed($"the confirmed account could not sign in through nginx: {Describe(signIn)}");
    var orders = await b.SendAsync(HttpMethod.Get, $"{publicUrl}/orders");
    if (orders.StatusCode != HttpStatusCode.OK) throw new CheckFailed($"/orders after signing in answered {Describe(orders)}");
    return $"email arrived after {watch.Elapsed.TotalSeconds:F1} s with {link[..(link.IndexOf("/account/confirm") + 16)]}…; confirmed on {Upstream(confirmed)}, signed in";
});

await Check("d. each recurring job runs once per minute across both nodes", async () =>
{
    // Two minute boundaries with both nodes up (and 20 s for the second minute's runs to be recorded).
    var firstMinute = bothUpAt.ToUnixTimeSeconds() / 60 * 60 + 60;
    var waitUntil = DateTimeOffset.FromUnixTimeSeconds(firstMinute + 60 + 20);
    var wait = waitUntil - DateTimeOffset.UtcNow;
    if (wait > TimeSpan.Zero)
    {
        Console.WriteLine($"     (waiting {wait.TotalSeconds:F0} s so that both nodes have been up across two minute boundaries)");
        await Task.Delay(wait);
    }
    await using var db = await NpgsqlDataSource.Create(connection).OpenConnectionAsync();
    var rows = await All(db, $"""
        SELECT trim(both '"' from p.value) AS recurring, date_trunc('minute', j.createdat) AS minute, count(*) AS runs,
               count(*) FILTER (WHERE j.statename = 'Succeeded') AS succeeded
        FROM hangfire.job j JOIN hangfire.jobparameter p ON p.jobid = j.id AND p.name = 'RecurringJobId'
        WHERE j.createdat >= to_timestamp({firstMinute}) AT TIME ZONE 'UTC'
        GROUP BY 1, 2 ORDER BY 1, 2
        """, r => (Job: r.GetString(0), Minute: r.GetDateTime(1), Runs: r.GetInt64(2), Succeeded: r.GetInt64(3)));
    var report = new List<string>();
    foreach (var (job, type) in new[] { ("expire-unpaid-orders", "ExpireUnpaidOrdersJob"), ("send-outbox", "SendOutboxJob") })
    {
        var mine = rows.Where(x => x.Job == job).ToList();
        var twice = mine.Where(x => x.Runs > 1).ToList();
        if (twice.Count > 0) throw new CheckFailed($"{type} ran {twice[0].Runs} times in the minute {twice[0].Minute:HH:mm} UTC");
        if (mine.Count < 2) throw new CheckFailed($"{type} ran in {mine.Count} minute(s) since {DateTimeOffset.FromUnixTimeSeconds(firstMinute):HH:mm} UTC; expected one run in each of at least 2");
        report.Add($"{type} once in each of {mine.Count} minutes ({mine.Sum(x => x.Succeeded)} succeeded)");
    }
    return string.Join("; ", report);
});

return failures == 0 ? 0 : 1;

static Dictionary<string, string> Address() => new()
{
    ["Address.Recipient"] = "集群检查", ["Address.Mobile"] = "13800000000", ["Address.Province"] = "广东省",
    ["Address.City"] = "广州市", ["Address.District"] = "番禺区", ["Address.Street"] = "沙湾古镇 1 号",
};

static string Location(HttpResponseMessage r) => r.Headers.Location?.OriginalString ?? "";
static string Upstream(HttpResponseMessage r) => r.Headers.TryGetValues("X-Upstream", out var v) ? string.Join(",", v) : "the node itself";
static string Describe(HttpResponseMessage r) => $"{(int)r.StatusCode}{(Location(r) is { Length: > 0 } l ? " → " + l : "")}";
static IDocument Html(string html) => BrowsingContext.New().OpenAsync(r => r.Content(html)).GetAwaiter().GetResult();

static async Task<T> Single<T>(NpgsqlConnection db, string sql, Func<NpgsqlDataReader, T> read) =>
    (await All(db, sql, read)) is [var one, ..] ? one : throw new CheckFailed($"no row for: {sql}");

static async Task<List<T>> All<T>(NpgsqlConnection db, string sql, Func<NpgsqlDataReader, T> read)
{
    await using var command = new NpgsqlCommand(sql, db);
    await using var reader = await command.ExecuteReaderAsync();
    var rows = new List<T>();
    while (await reader.ReadAsync()) rows.Add(read(reader));
    return rows;
}

sealed class CheckFailed(string message) : Exception(message);

/// <summary>A client with its own cookie jar that can send the same cookies to nginx and to either node.</summary>
sealed class Browser(HttpClient http, params string[] nodes)
{
    private readonly Dictionary<string, string> _cookies = [];
    public string LastGetUpstream { get; private set; } = "";

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, Dictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (form is not null) request.Content = new FormUrlEncodedContent(form);
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        // Straight to a node, this client stands where nginx stands (127.0.0.1, a configured proxy) and says what
        // nginx would say: the visitor came over https.
        if (nodes.Any(n => url.StartsWith(n + "/"))) request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            foreach (var line in cookies)
            {
                var pair = line.Split(';')[0];
                var eq = pair.IndexOf('=');
                if (eq <= 0) continue;
                var (name, value) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
                var expired = Regex.IsMatch(line, @"expires=Thu, 01 Jan 1970", RegexOptions.IgnoreCase) || value.Length == 0;
                if (expired) _cookies.Remove(name); else _cookies[name] = value;
            }
        return response;
    }

    public async Task<string> GetStringAsync(string url)
    {
        var response = await SendAsync(HttpMethod.Get, url);
        LastGetUpstream = response.Headers.TryGetValues("X-Upstream", out var v) ? string.Join(",", v) : "the node itself";
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new CheckFailed($"GET {url} answered {(int)response.StatusCode}{(response.Headers.Location is { } l ? " → " + l : "")}");
        return body;
    }

    /// <summary>Opens a page, fills the form's fields (keeping its antiforgery token) and posts it, to postTo's node if given.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, string selector, Dictionary<string, string> values, string? postTo = null)
    {
        var html = await GetStringAsync(url);
        var document = await BrowsingContext.New().OpenAsync(r => r.Content(html));
        var form = document.QuerySelector(selector) ?? throw new CheckFailed($"no {selector} on {url}");
        var fields = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll("input[name]"))
        {
            var type = input.GetAttribute("type") ?? "text";
            if (type is ("checkbox" or "radio") && !input.HasAttribute("checked")) continue;
            if (type is "submit" or "button") continue;
            fields[input.GetAttribute("name")!] = input.GetAttribute("value") ?? "";
        }
        foreach (var select in form.QuerySelectorAll("select[name]"))
            fields[select.GetAttribute("name")!] = (select.QuerySelector("option[selected]") ?? select.QuerySelector("option"))?.GetAttribute("value") ?? "";
        foreach (var (k, v) in values) fields[k] = v;
        var page = new Uri(url);
        var action = form.GetAttribute("action");
        var target = new Uri(new Uri(postTo is null ? page.GetLeftPart(UriPartial.Authority) : postTo),
            string.IsNullOrEmpty(action) ? page.PathAndQuery : action);
        return await SendAsync(HttpMethod.Post, target.ToString(), fields);
    }
}
