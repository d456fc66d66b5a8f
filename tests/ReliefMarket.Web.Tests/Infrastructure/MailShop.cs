using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using netDumbster.smtp;
using ReliefMarket.Web.Email;

namespace ReliefMarket.Web.Tests.Infrastructure;

/// <summary>The shop sending mail over SMTP to a real (test) SMTP server, netDumbster, on a port of its own.</summary>
public class MailShop : SqliteShop
{
    public int SmtpPort { get; } = FreePort();
    public SimpleSmtpServer? Smtp { get; protected set; }

    public MailShop() => Smtp = StartSmtpAtConstruction ? SimpleSmtpServer.Start(SmtpPort) : null;

    protected virtual bool StartSmtpAtConstruction => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", SmtpPort.ToString());
        builder.UseSetting("Email:Smtp:TlsMode", "None");
    }

    /// <summary>Runs the outbox job once, as Hangfire would.</summary>
    public async Task<int> SendOutboxAsync()
    {
        await using var scope = Scope(out _);
        return await scope.ServiceProvider.GetRequiredService<SendOutboxJob>().RunAsync(default);
    }

    public IReadOnlyList<SmtpMessage> MailTo(string email) =>
        Smtp!.ReceivedEmail.Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase))).ToList();

    public static string Text(SmtpMessage message) => message.MessageParts.First(p => p.HeaderData.Contains("text/plain")).BodyData;

    /// <summary>
    /// The first link in the message's text part that points at <paramref name="path"/> on the configured public
    /// address, made relative for the test client.
    /// </summary>
    public static string LinkIn(SmtpMessage message, string path)
    {
        var match = Regex.Match(Text(message), $@"{Regex.Escape(PublicBaseUrl)}(?<rel>{Regex.Escape(path)}\S*)");
        Assert.True(match.Success, $"No {path} link in:\n{Text(message)}");
        return match.Groups["rel"].Value;
    }

    public override async Task DisposeAsync()
    {
        Smtp?.Stop();
        await base.DisposeAsync();
    }

    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>A shop whose SMTP server is down until the test starts it.</summary>
public sealed class MailDownShop : MailShop
{
    protected override bool StartSmtpAtConstruction => false;
    public void StartSmtp() => Smtp = SimpleSmtpServer.Start(SmtpPort);
}
