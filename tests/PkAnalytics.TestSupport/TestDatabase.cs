using Npgsql;
using Xunit;
using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Schema;

namespace PkAnalytics.TestSupport;

/// <summary>
/// A fresh, migrated database on the throwaway cluster that `./pk test` starts (PK_TEST_DB names its admin
/// connection), dropped on dispose. Use as an xunit class fixture: one database per test class, so classes
/// run in parallel without seeing each other's rows.
/// </summary>
public class TestDatabase : IAsyncLifetime
{
    public string Name { get; } = "pk_test_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>Set false in a derived fixture to get an empty database (for migration tests).</summary>
    protected virtual bool Migrate => true;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("PK_TEST_DB") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "PK_TEST_DB is not set: database tests run through `./pk test`, which starts a throwaway PostgreSQL " +
                "cluster, or set PK_TEST_DB to an admin connection string of a server you can create databases on.");

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database \"{Name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = Name }.ConnectionString;
        DataSource = WarehouseServiceCollectionExtensions.CreateDataSource(ConnectionString);
        if (Migrate)
        {
            await new MigrationRunner(DataSource).MigrateAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists \"{Name}\" with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>An empty database: nothing migrated yet.</summary>
public sealed class EmptyTestDatabase : TestDatabase
{
    protected override bool Migrate => false;
}
