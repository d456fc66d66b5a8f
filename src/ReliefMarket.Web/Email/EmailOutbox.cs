using Hangfire;

namespace ReliefMarket.Web.Email;

/// <summary>Writes emails into the outbox (the caller's transaction saves them) and nudges the send job.</summary>
public sealed class EmailOutbox(AppDbContext db, IServiceProvider services, TimeProvider clock, Hosting.SiteLinks links,
    ILogger<EmailOutbox> log)
{
    /// <summary>An absolute link for an email, on the configured public address (never the request's Host).</summary>
    public string Link(string pathAndQuery) => links.Absolute(pathAndQuery);

    public void Add(string to, EmailContent content, string kind) =>
        db.OutboxMessages.Add(new OutboxMessage(to, content.Subject, content.Html, content.Text, kind, clock.GetUtcNow().UtcDateTime));

    /// <summary>Call after the transaction commits: sends now rather than at the next minute. Losing this nudge loses nothing.</summary>
    public void SendSoon()
    {
        // Resolved here, not injected: the job client touches Hangfire's process-wide state, and a failure must stay a warning.
        try { services.GetRequiredService<IBackgroundJobClient>().Enqueue<SendOutboxJob>(j => j.RunAsync(CancellationToken.None)); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The email is safe in the outbox; the every-minute run will send it.
            log.LogWarning("Could not queue an immediate outbox run: {Error}", e.Message);
        }
    }
}
