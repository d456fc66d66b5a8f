using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReliefMarket.Web.Data;

/// <summary>
/// SQLite runs one writer at a time. Microsoft.Data.Sqlite sets no busy timeout: a connection that finds the database
/// locked sleeps 150 ms (blocking its thread) and tries again, so in a flash sale most checkouts waited 150–450 ms
/// for writers that needed a few. With a busy timeout SQLite itself waits, retrying within a millisecond or two.
/// </summary>
internal sealed class SqliteWaits : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000;";
        command.ExecuteNonQuery();
    }
}
