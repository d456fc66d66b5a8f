using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ReliefMarket.Web.Email;

/// <summary>Hands a finished message to whatever delivers mail. Throws when it could not.</summary>
public interface IEmailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>MailKit over SMTP, with the TLS mode and credentials from configuration.</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = 15_000 };
        await client.ConnectAsync(smtp.Host, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.TlsMode, ignoreCase: true), ct);
        if (smtp.UserName.Length > 0) await client.AuthenticateAsync(smtp.UserName, smtp.Password, ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>The embedded default: each message becomes a .eml file in a folder; open it with any mail program.</summary>
public sealed class PickupFolderEmailSender(IOptions<EmailOptions> options, IWebHostEnvironment env) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var folder = Path.GetFullPath(Path.Combine(env.ContentRootPath, options.Value.PickupFolder));
        Directory.CreateDirectory(folder);
        // Named by Message-Id: a retried message overwrites its own file instead of making a second one.
        await message.WriteToAsync(Path.Combine(folder, $"{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml"), ct);
    }
}
