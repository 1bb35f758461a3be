using Npgsql;
using Xunit;
using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Data;

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
        // A migrated database is a copy of a template migrated once per build: copying is far cheaper than
        // running the migrations for every test class.
        var template = Migrate ? await MigratedTemplate.EnsureAsync(AdminConnectionString) : "template1";
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database \"{Name}\" template \"{template}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = Name }.ConnectionString;
        DataSource = WarehouseServiceCollectionExtensions.CreateDataSource(ConnectionString);
    }

    /// <summary>
    /// Makes this database refuse connections and drops the open ones (as a stopped server would), or lets it be
    /// reached again; the pools are cleared either way so nothing holds a dead connection.
    /// </summary>
    public async Task SetReachableAsync(bool reachable)
    {
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var alter = new NpgsqlCommand($"alter database \"{Name}\" with allow_connections {(reachable ? "true" : "false")}", admin);
            await alter.ExecuteNonQueryAsync();
            if (!reachable)
            {
                await using var terminate = new NpgsqlCommand(
                    "select pg_terminate_backend(pid) from pg_stat_activity where datname = @name and pid <> pg_backend_pid()", admin);
                terminate.Parameters.AddWithValue("name", Name);
                await terminate.ExecuteNonQueryAsync();
            }
        }

        NpgsqlConnection.ClearAllPools();
        DataSource.Clear();
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

/// <summary>
/// A database migrated once and then only copied (CREATE DATABASE ... TEMPLATE). Its name carries the build of the
/// migrations (the Warehouse assembly's module version), so a changed schema never reuses a stale template;
/// templates of other builds are dropped when a new one is made. Made under an advisory lock: test processes
/// running at once make it once.
/// </summary>
internal static class MigratedTemplate
{
    private const long LockKey = 0x504B_5445_4D50;
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? made;

    public static async Task<string> EnsureAsync(string adminConnectionString)
    {
        await Gate.WaitAsync();
        try
        {
            if (made is not null)
            {
                return made;
            }

            var name = "pk_template_" + typeof(SchemaMigrator).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..16];
            await using var admin = new NpgsqlConnection(adminConnectionString);
            await admin.OpenAsync();
            await Execute(admin, $"select pg_advisory_lock({LockKey})");
            try
            {
                if (!await Exists(admin, name))
                {
                    var building = name + "_building";
                    await Execute(admin, $"drop database if exists \"{building}\" with (force)");
                    await Execute(admin, $"create database \"{building}\"");
                    var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = building, Pooling = false }.ConnectionString;
                    await using (var dataSource = WarehouseServiceCollectionExtensions.CreateDataSource(connectionString))
                    {
                        await new SchemaMigrator(dataSource).MigrateAsync();
                    }

                    await Execute(admin, $"alter database \"{building}\" rename to \"{name}\"");
                    await using var stale = new NpgsqlCommand(
                        "select datname from pg_database where datname like 'pk\\_template\\_%' and datname <> @name", admin);
                    stale.Parameters.AddWithValue("name", name);
                    var old = new List<string>();
                    await using (var reader = await stale.ExecuteReaderAsync())
                    {
                        while (await reader.ReadAsync())
                        {
                            old.Add(reader.GetString(0));
                        }
                    }

                    foreach (var database in old)
                    {
                        await Execute(admin, $"drop database if exists \"{database}\"");
                    }
                }
            }
            finally
            {
                await Execute(admin, $"select pg_advisory_unlock({LockKey})");
            }

            return made = name;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<bool> Exists(NpgsqlConnection connection, string database)
    {
        await using var command = new NpgsqlCommand("select exists (select 1 from pg_database where datname = @name)", connection);
        command.Parameters.AddWithValue("name", database);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
