using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReliefMarket.Domain.Ledger;

namespace ReliefMarket.Web.Ledger;

/// <summary>
/// The ledger is append-only: a save that would change or delete a journal row fails. Corrections are new entries,
/// so the books always show what was posted and when.
/// </summary>
public sealed class AppendOnlyLedger : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private static void Check(DbContext? context)
    {
        if (context is null) return;
        if (context.ChangeTracker.Entries<JournalEntry>().Any(Changed) || context.ChangeTracker.Entries<JournalLine>().Any(Changed))
            throw new InvalidOperationException("Journal entries are append-only: post a correcting entry instead.");
    }

    private static bool Changed(EntityEntry e) => e.State is EntityState.Modified or EntityState.Deleted;
}
