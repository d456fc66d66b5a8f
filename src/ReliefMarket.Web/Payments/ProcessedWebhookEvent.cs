namespace ReliefMarket.Web.Payments;

/// <summary>A provider event already applied. Written in the same transaction as its effect, so a redelivery is a no-op.</summary>
public class ProcessedWebhookEvent(string id, string type, DateTime processedAtUtc)
{
    public string Id { get; private set; } = id;
    public string Type { get; private set; } = type;
    public DateTime ProcessedAtUtc { get; private set; } = processedAtUtc;
}
