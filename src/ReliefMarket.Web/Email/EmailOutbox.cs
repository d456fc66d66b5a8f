namespace ReliefMarket.Web.Email;

/// <summary>Writes emails into the outbox (the caller's transaction saves them) and nudges the send job.</summary>
public sealed class EmailOutbox(AppDbContext db, OutboxNudge nudge, TimeProvider clock, Hosting.SiteLinks links)
{
    /// <summary>An absolute link for an email, on the configured public address (never the request's Host).</summary>
    public string Link(string pathAndQuery) => links.Absolute(pathAndQuery);

    public void Add(string to, EmailContent content, string kind) =>
        db.OutboxMessages.Add(new OutboxMessage(to, content.Subject, content.Html, content.Text, kind, clock.GetUtcNow().UtcDateTime));

    /// <summary>Call after the transaction commits: sends now rather than at the next minute. Losing this nudge loses nothing.</summary>
    public void SendSoon() => nudge.SendSoon();
}
