using Hangfire;

namespace ReliefMarket.Web.Email;

/// <summary>
/// Queues a run of the send job soon after an email was committed, one run for a burst of them. A flash sale pays
/// dozens of orders a second; one queued run each kept the job server busy (a fifth of the shop's CPU went to
/// Hangfire's dispatcher and to runs waiting on the job's lock: docs/decisions/0031).
/// </summary>
public sealed class OutboxNudge(IServiceProvider services, ILogger<OutboxNudge> log)
{
    /// <summary>How long nudges are gathered before one run is queued.</summary>
    internal static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(200);

    private int _pending;

    /// <summary>Call after the commit. A run is queued after this call, so it finds the caller's email.</summary>
    public void SendSoon()
    {
        // A run is already due to be queued after the gathering: it will come after this caller's commit too.
        if (Interlocked.Exchange(ref _pending, 1) == 1) return;
        _ = QueueAfterGatheringAsync();
    }

    private async Task QueueAfterGatheringAsync()
    {
        await Task.Delay(Gather);
        // Cleared before queueing: a nudge from here on starts a new gathering, whose run comes after its commit.
        Volatile.Write(ref _pending, 0);
        // Resolved here, not injected: the job client touches Hangfire's process-wide state, and a failure must stay a warning.
        try { services.GetRequiredService<IBackgroundJobClient>().Enqueue<SendOutboxJob>(j => j.RunAsync(CancellationToken.None)); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The email is safe in the outbox; the every-minute run will send it.
            log.LogWarning("Could not queue an immediate outbox run: {Error}", e.Message);
        }
    }
}
