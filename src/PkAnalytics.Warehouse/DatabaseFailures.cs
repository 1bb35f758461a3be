using System.Net.Sockets;
using Npgsql;

namespace PkAnalytics.Warehouse;

/// <summary>Tells a database that is gone (stopped, unreachable, refusing connections) from an error in a statement.</summary>
public static class DatabaseFailures
{
    /// <summary>
    /// True when the exception means the database cannot be reached or dropped the connection - retrying later
    /// may succeed - rather than a statement that failed (a constraint, bad data), which would fail again.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException p:
                    return p.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
                        || p.SqlState is "57P01" or "57P02" or "57P03" // admin / crash shutdown, cannot connect now
                        || p.SqlState is "55000" && p.MessageText.Contains("not currently accepting connections", StringComparison.Ordinal)
                        || p.SqlState is "53300" or "3D000"; // too many connections, database does not exist
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                case NpgsqlException when e.Message.Contains("Exception while connecting", StringComparison.Ordinal):
                case SocketException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Whether a connection can be opened and answers, within a few seconds.</summary>
    public static async Task<bool> IsReachableAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await using var connection = await dataSource.OpenConnectionAsync(timeout.Token);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(timeout.Token);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException or SocketException)
        {
            return false;
        }
    }
}
