using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ReliefMarket.Browser.Tests;

/// <summary>
/// The shop on a real Kestrel port (a fresh SQLite file) and a headless Debian chromium driven by Playwright.
/// Screenshots go to TestResults/screenshots beside the test assembly's project, as artefacts to look at.
/// </summary>
public sealed class BrowserShop : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"relief-browser-{Guid.NewGuid():N}.db");
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    /// <summary>Where the shop writes its emails (.eml files) in these tests.</summary>
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), $"relief-mail-{Guid.NewGuid():N}");
    public string BaseUrl { get; private set; } = "";
    /// <summary>Where listing photos and certification evidence go in these tests.</summary>
    public string UploadFolder { get; } = Path.Combine(Path.GetTempPath(), $"relief-uploads-{Guid.NewGuid():N}");

    public static readonly string ScreenshotFolder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../TestResults/screenshots"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Serve the build's static web assets (including their precompressed variants) as `dotnet run` does;
        // outside Development they are otherwise looked up in a published layout that a test build lacks.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={_file};Pooling=False");
        // Hangfire keeps process-wide state that several test hosts would share; tests run jobs themselves.
        builder.UseSetting("Jobs:RunServer", "false");
        builder.UseSetting("Email:PickupFolder", MailFolder);
        builder.UseSetting("Database:SeedDemoData", "true");
        builder.UseSetting("Photos:Folder", Path.Combine(UploadFolder, "photos"));
        builder.UseSetting("Photos:EvidenceFolder", Path.Combine(UploadFolder, "evidence"));
        // Links in emails come from configuration, so the shop is told the address it will be reached at.
        builder.UseSetting("Site:PublicBaseUrl", BaseUrl);
        // Every test signs in and posts from 127.0.0.1; the limits themselves are tested in the web tests.
        foreach (var limit in new[] { "SignIn", "Register", "ForgotPassword", "Checkout", "Webhook" })
            builder.UseSetting($"RateLimits:{limit}:PermitLimit", "100000");
    }

    public async Task InitializeAsync()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        UseKestrel(port);
        StartServer();
        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("RELIEF_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true,
    };

    public static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new() { Width = 1280, Height = 900 } };

    public async Task<IPage> NewPageAsync(BrowserNewContextOptions device, string? locale = null)
    {
        var options = new BrowserNewContextOptions(device) { BaseURL = BaseUrl, Locale = locale ?? "zh-CN" };
        var context = await Browser.NewContextAsync(options);
        // The page reports what the Content-Security-Policy blocked; BrowserTests fails the test on any of it.
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e => console.error(
              `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile || document.URL}:${e.lineNumber}`));
            """);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && (message.Text.StartsWith("CSP violation") || message.Text.Contains("Content Security Policy")))
                _cspViolations.Enqueue($"{page.Url}: {message.Text}");
        };
        _pages.Add(page);
        return page;
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _cspViolations = new();
    private readonly System.Collections.Concurrent.ConcurrentBag<IPage> _pages = [];

    /// <summary>The CSP violations reported since the last call, after every open page has delivered its console messages.</summary>
    public async Task<IReadOnlyList<string>> TakeCspViolationsAsync()
    {
        // A round trip to each page comes back after the console events that page sent before it.
        foreach (var page in _pages.Where(p => !p.IsClosed))
            try { await page.EvaluateAsync("1"); } catch (PlaywrightException) { /* closed or navigating: nothing more to wait for */ }
        var taken = new List<string>();
        while (_cspViolations.TryDequeue(out var violation)) taken.Add(violation);
        return taken;
    }

    /// <summary>Runs the outbox once (as the every-minute job would) and returns the newest email to <paramref name="to"/>.</summary>
    public async Task<MimeKit.MimeMessage> LatestMailToAsync(string to)
    {
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReliefMarket.Web.Email.SendOutboxJob>().RunAsync(default);
        var messages = new List<(DateTime, MimeKit.MimeMessage)>();
        foreach (var file in Directory.Exists(MailFolder) ? Directory.GetFiles(MailFolder, "*.eml") : [])
        {
            var message = await MimeKit.MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => m.Address == to)) messages.Add((File.GetLastWriteTimeUtc(file), message));
        }
        return messages.OrderBy(m => m.Item1).Last().Item2;
    }

    /// <summary>The path and query of the first link to <paramref name="path"/> in a message's text.</summary>
    public static string LinkIn(MimeKit.MimeMessage message, string path)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", $@"https?://[^/\s]+(?<rel>{System.Text.RegularExpressions.Regex.Escape(path)}\S*)");
        Assert.True(match.Success, message.TextBody);
        return match.Groups["rel"].Value;
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public const string Password = "Relief-test-2026";

    /// <summary>A confirmed account in <paramref name="role"/> (a member of <paramref name="producerId"/>), made in the database.</summary>
    public async Task<string> AccountAsync(string role, int? producerId = null)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ReliefMarket.Web.Data.AppUser>>();
        var user = new ReliefMarket.Web.Data.AppUser { UserName = email, Email = email, EmailConfirmed = true, ProducerId = producerId };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, role);
        return email;
    }

    /// <summary>Signs in on the Chinese login page and waits until it has left it.</summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public new async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" }) File.Delete(f);
        if (Directory.Exists(MailFolder)) Directory.Delete(MailFolder, recursive: true);
        if (Directory.Exists(UploadFolder)) Directory.Delete(UploadFolder, recursive: true);
    }
}
