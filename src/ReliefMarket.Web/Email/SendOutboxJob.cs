using Hangfire;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ReliefMarket.Web.Email;

/// <summary>
/// Sends the outbox: every due, unsent message, oldest first; a failure is retried with backoff. Runs every
/// minute and after each new email; never two at once, so a message is not handed to the server twice by us.
/// </summary>
public sealed class SendOutboxJob(AppDbContext db, IEmailSender sender, IOptions<EmailOptions> options, IOptions<Accounts.AccountOptions> accounts,
    TimeProvider clock, ILogger<SendOutboxJob> log)
{
    public const int MaxAttempts = 12;

    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 0)] // the outbox has its own retry schedule
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMessages
            .Where(m => m.SentAtUtc == null && m.NextAttemptAtUtc <= now && m.Attempts < MaxAttempts)
            .OrderBy(m => m.CreatedAtUtc).Take(100).ToListAsync(ct);
        var sent = 0;
        foreach (var message in due)
        {
            try
            {
                await sender.SendAsync(ToMime(message), ct);
                message.MarkSent(clock.GetUtcNow().UtcDateTime);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Logs outlive the outbox and travel further: the address is masked (the Message-Id finds the row).
                log.LogWarning("Email {MessageId} to {To} failed (attempt {Attempt}): {Error}",
                    message.MessageId, Operations.LogRedaction.MaskEmail(message.To), message.Attempts + 1, e.Message);
                message.MarkFailed(e.Message, clock.GetUtcNow().UtcDateTime);
            }
            await db.SaveChangesAsync(ct);
        }
        await PurgeSentAccountBodiesAsync(ct);
        return sent;
    }

    /// <summary>
    /// Sent confirmation, reset and already-registered emails lose their bodies (one-time links, in plain text) after
    /// the retention; to whom, when, which kind, the subject and the Message-Id stay for the record. Returns how many.
    /// </summary>
    public Task<int> PurgeSentAccountBodiesAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - TimeSpan.FromHours(accounts.Value.SentEmailBodyRetentionHours);
        return db.OutboxMessages
            .Where(m => m.SentAtUtc != null && m.SentAtUtc < cutoff && Accounts.AccountEmails.Kinds.Contains(m.Kind) && (m.TextBody != "" || m.HtmlBody != ""))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.TextBody, "").SetProperty(m => m.HtmlBody, ""), ct);
    }

    private MimeMessage ToMime(OutboxMessage m)
    {
        var message = new MimeMessage { Subject = m.Subject, MessageId = m.MessageId, Date = new DateTimeOffset(m.CreatedAtUtc, TimeSpan.Zero) };
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(m.To));
        message.Body = new BodyBuilder { TextBody = m.TextBody, HtmlBody = m.HtmlBody }.ToMessageBody();
        return message;
    }
}
