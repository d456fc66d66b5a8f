using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace ReliefMarket.Web.Tests.Jobs;

// Hangfire's dashboard logs through process-wide state that the latest test host owns: run beside no other host.
[Collection(nameof(JobStorageCollection))]
public class DashboardTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    [Fact]
    public async Task The_job_dashboard_is_for_administrators_only()
    {
        var anonymous = await Shopper.Anonymous(shop).Client.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2Fadmin%2Fjobs", anonymous.Headers.Location!.PathAndQuery);

        foreach (var role in new[] { Roles.Consumer, Roles.CooperativeMember, Roles.Auditor })
        {
            var other = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: role);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.GetAsync("/admin/jobs")).StatusCode);
        }

        var admin = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Admin);
        var dashboard = await admin.Client.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("ReliefMarket jobs", await dashboard.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/admin/jobs/recurring")).StatusCode);
    }
}

/// <summary>The embedded default: no SMTP host, emails become .eml files in a folder.</summary>
public sealed class PickupShop : SqliteShop
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"relief-pickup-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Email:PickupFolder", Folder);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}

public class PickupFolderTests(PickupShop shop) : IClassFixture<PickupShop>
{
    [Fact]
    public async Task Without_an_SMTP_host_each_email_is_an_eml_file_named_by_its_message_id_and_written_once()
    {
        var email = $"pickup-{Guid.NewGuid():N}@example.test";
        await Shopper.Anonymous(shop, "en").SubmitAsync("/account/register", "form",
            new() { ["Email"] = email, ["Password"] = "Tiejiang-flowers-1", ["ConfirmPassword"] = "Tiejiang-flowers-1" });
        await using (var scope = shop.Scope(out _))
        {
            var job = scope.ServiceProvider.GetRequiredService<ReliefMarket.Web.Email.SendOutboxJob>();
            Assert.Equal(1, await job.RunAsync(default));
            Assert.Equal(0, await job.RunAsync(default));
        }
        var file = Assert.Single(Directory.GetFiles(shop.Folder, "*.eml"));
        var message = await MimeKit.MimeMessage.LoadAsync(file);
        Assert.Equal("Confirm your email · ReliefMarket", message.Subject);
        Assert.Equal(email, message.To.Mailboxes.Single().Address);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), message.MessageId!.Split('@')[0]);
        Assert.Contains("/account/confirm?userId=", message.TextBody);
        Assert.Contains("<a href=", message.HtmlBody);
    }
}
