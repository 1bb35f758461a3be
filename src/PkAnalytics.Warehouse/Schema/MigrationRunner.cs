using Dapper;
using Npgsql;

namespace PkAnalytics.Warehouse.Schema;

public sealed record SchemaStatus(int CurrentVersion, int LatestVersion)
{
    public bool IsCurrent => CurrentVersion >= LatestVersion;
}

/// <summary>
/// Applies the embedded migrations: one transaction per file, recorded in schema_version, under a PostgreSQL
/// advisory lock so that two processes starting together never migrate at once.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource)
{
    // Arbitrary but fixed: every PkAnalytics process contends for the same lock.
    private const long AdvisoryLockKey = 0x504B_414E_4C59;

    private const string CreateVersionTable = """
        create table if not exists schema_version (
            version    int primary key,
            name       text not null,
            applied_at timestamptz not null default now()
        )
        """;

    /// <summary>Applies what is missing and returns the migrations it applied (empty when already current).</summary>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "select pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(CreateVersionTable, cancellationToken: cancellationToken));
            var applied = (await connection.QueryAsync<int>(new CommandDefinition(
                "select version from schema_version", cancellationToken: cancellationToken))).ToHashSet();

            var done = new List<Migration>();
            foreach (var migration in Migration.Embedded.Where(m => !applied.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                try
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
                }
                catch (PostgresException e)
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Version:D4}_{migration.Name}.sql failed: {e.MessageText} " +
                        $"(at character {e.Position}). Nothing of it was applied.", e);
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    "insert into schema_version (version, name) values (@Version, @Name)",
                    new { migration.Version, migration.Name }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                done.Add(migration);
            }

            return done;
        }
        finally
        {
            await connection.ExecuteAsync("select pg_advisory_unlock(@key)", new { key = AdvisoryLockKey });
        }
    }

    public async Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var hasTable = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select to_regclass('schema_version') is not null", cancellationToken: cancellationToken));
        var current = hasTable
            ? await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "select coalesce(max(version), 0) from schema_version", cancellationToken: cancellationToken))
            : 0;
        return new SchemaStatus(current, Migration.LatestVersion);
    }
}
