namespace ReliefMarket.Web.Email;

/// <summary>
/// An email the shop has promised, written in the same transaction as the event that causes it. The send job
/// delivers it; <see cref="MessageId"/> is fixed when it is written, so a retry after an unclear failure carries
/// the same Message-Id and a receiving server (or a person) can tell it is the same message.
/// </summary>
public class OutboxMessage
{
    private OutboxMessage() { }

    public OutboxMessage(string to, string subject, string htmlBody, string textBody, string kind, DateTime createdAtUtc)
    {
        Id = Guid.NewGuid();
        To = to;
        Subject = subject;
        HtmlBody = htmlBody;
        TextBody = textBody;
        Kind = kind;
        MessageId = $"{Id:N}@reliefmarket";
        CreatedAtUtc = createdAtUtc;
        NextAttemptAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    /// <summary>What the email is about ("confirm-email", "order-paid", …), for operators reading the table.</summary>
    public string Kind { get; private set; } = "";
    public string MessageId { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    public string? LastError { get; private set; }

    public void MarkSent(DateTime atUtc)
    {
        SentAtUtc = atUtc;
        LastError = null;
    }

    /// <summary>Backs off exponentially: 1, 2, 4 … minutes, at most an hour between attempts.</summary>
    public void MarkFailed(string error, DateTime atUtc)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        NextAttemptAtUtc = atUtc + TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Attempts - 1)));
    }
}
