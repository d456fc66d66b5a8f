using Hangfire;

namespace ReliefMarket.Web.Email;

public static class EmailExtensions
{
    /// <summary>SMTP through MailKit when Email:Smtp:Host is set, otherwise .eml files in Email:PickupFolder.</summary>
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section)
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Email:From is not a valid address.")
            .Validate(o => o.Smtp.Host.Length == 0 || Enum.TryParse<MailKit.Security.SecureSocketOptions>(o.Smtp.TlsMode, true, out _),
                "Email:Smtp:TlsMode must be None, Auto, SslOnConnect or StartTls.")
            .ValidateOnStart();
        var smtp = builder.Configuration[$"{EmailOptions.Section}:Smtp:Host"];
        if (string.IsNullOrEmpty(smtp)) builder.Services.AddSingleton<IEmailSender, PickupFolderEmailSender>();
        else builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        builder.Services.AddScoped<EmailTemplates>();
        builder.Services.AddScoped<EmailOutbox>();
        builder.Services.AddSingleton<OutboxNudge>();
        builder.Services.AddScoped<SendOutboxJob>();
        return builder;
    }

    public static void MapEmail(this WebApplication app) =>
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<SendOutboxJob>("send-outbox", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
}
