using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace PkAnalytics.Warehouse.Data;

/// <summary>Where a database stands against the migrations this build carries.</summary>
public sealed record SchemaStatus(IReadOnlyList<string> Applied, IReadOnlyList<string> Pending)
{
    public bool IsCurrent => Pending.Count == 0;

    public string Current => Applied.Count == 0 ? "(kosong)" : Applied[^1];
}

/// <summary>
/// Applies the EF Core migrations, the schema's one history. Under a PostgreSQL advisory lock, so two processes
/// starting together never migrate at once: the second waits, then finds nothing to do. A database created by the
/// SQL migrations that preceded EF (table schema_version at version 30) is adopted as it is: its schema equals the
/// first EF migration, which is recorded as applied.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource)
{
    // Arbitrary but fixed: every PkAnalytics process contends for the same lock.
    private const long AdvisoryLockKey = 0x504B_414E_4C59;

    /// <summary>The migration whose schema equals the last SQL migration (0030) of the runner EF replaced.</summary>
    internal const string BaselineMigration = "20261130134942_StarSchema";

    private const int LastSqlMigrationVersion = 30;

    /// <summary>Applies what is missing and returns the migrations it applied (empty when already current).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await lockConnection.ExecuteAsync(new CommandDefinition(
            "select pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: cancellationToken));
        try
        {
            await using var context = CreateContext();
            await AdoptSqlMigratedDatabaseAsync(context, cancellationToken);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                await context.Database.MigrateAsync(cancellationToken);
            }

            return pending;
        }
        finally
        {
            await lockConnection.ExecuteAsync("select pg_advisory_unlock(@key)", new { key = AdvisoryLockKey });
        }
    }

    public async Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        await using var context = CreateContext();
        var applied = (await context.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var pending = context.Database.GetMigrations().Except(applied).ToList();
        return new SchemaStatus(applied, pending);
    }

    /// <summary>The idempotent SQL script of every migration, for a DBA who applies it by hand.</summary>
    public string IdempotentScript()
    {
        using var context = CreateContext();
        return context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    private WarehouseDbContext CreateContext() => new(WarehouseDbContext.CreateOptions(dataSource));

    private async Task AdoptSqlMigratedDatabaseAsync(WarehouseDbContext context, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select to_regclass('schema_version') is not null", cancellationToken: cancellationToken)))
        {
            return;
        }

        var legacyVersion = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select coalesce(max(version), 0) from schema_version", cancellationToken: cancellationToken));
        if (legacyVersion != LastSqlMigrationVersion)
        {
            throw new InvalidOperationException(
                $"This database was migrated by the SQL runner that preceded EF Core and stopped at version {legacyVersion}, " +
                $"not {LastSqlMigrationVersion}. Migrate it with the last release before EF Core first " +
                "(git log -- src/PkAnalytics.Warehouse/Migrations), then run ./pk etl migrate again.");
        }

        var history = context.GetService<IHistoryRepository>();
        var productVersion = typeof(DbContext).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().First().InformationalVersion.Split('+')[0];
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(history.GetCreateIfNotExistsScript(), transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            history.GetInsertScript(new HistoryRow(BaselineMigration, productVersion)), transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("drop table schema_version", transaction: transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
