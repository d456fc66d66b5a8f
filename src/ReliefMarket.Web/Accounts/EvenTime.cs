using System.Diagnostics;

namespace ReliefMarket.Web.Accounts;

/// <summary>
/// Makes an answer take at least a fixed time. Writing an account email costs a database commit that a missing
/// address does not; waiting out the same floor either way keeps the time from telling which addresses have accounts.
/// </summary>
public static class EvenTime
{
    /// <summary>Comfortably above what the work takes on a busy machine, short enough that nobody waits noticeably.</summary>
    public static readonly TimeSpan AccountEmailFloor = TimeSpan.FromMilliseconds(250);

    public static async Task<T> AtLeastAsync<T>(TimeSpan floor, Func<Task<T>> work, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var result = await work();
        var left = floor - watch.Elapsed;
        if (left > TimeSpan.Zero) await Task.Delay(left, ct);
        return result;
    }
}
