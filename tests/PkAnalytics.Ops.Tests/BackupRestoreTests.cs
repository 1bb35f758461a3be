using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PkAnalytics.Dashboard;
using PkAnalytics.Dashboard.Components.Account;
using PkAnalytics.Reports;
using PkAnalytics.Reports.Delivery;
using PkAnalytics.Reports.Subscriptions;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.Data;
using PkAnalytics.Warehouse.Data.Entities;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Ops.Tests;

/// <summary>
/// `./pk backup FILE` and `./pk restore FILE` on a database filled the way the application fills it: the seeds
/// loaded by pk-etl, realisation written by `pk etl demo-data` and by the realisation store, accounts made by
/// AccountAdministration, a report subscription with a delivery log row claimed and finished by DeliveryClaims.
/// The dump is restored into a new database, which must hold the same stats, accounts (passwords still valid),
/// delivery log and, table by table, the same rows.
/// </summary>
public sealed class BackupRestoreTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly string restoredName = database.Name + "_restored";
    private readonly string dump = Path.Combine(Path.GetTempPath(), $"pk-backup-test-{Guid.NewGuid():N}.dump");
    private readonly string password = AccountAdministration.GeneratePassword();

    private string RestoredConnectionString =>
        new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = restoredName }.ConnectionString;

    [Fact]
    public async Task Backup_RestoredIntoANewDatabase_HoldsTheSameStatsAccountsAndDeliveryLog()
    {
        await FillAsync();

        var backup = await OpsProcess.PkAsync(database.ConnectionString, "backup", dump);
        Assert.True(backup.Code == 0, $"pk backup failed ({backup.Code}):\n{backup.Error}");
        Assert.Contains("backup written", backup.Error);
        Assert.True(new FileInfo(dump).Length > 0);

        // PK_DB names a database that does not exist yet: restore creates it.
        var restore = await OpsProcess.PkAsync(RestoredConnectionString, "restore", dump);
        Assert.True(restore.Code == 0, $"pk restore failed ({restore.Code}):\n{restore.Error}");
        Assert.Contains($"creating database {restoredName}", restore.Error);

        await using var restored = WarehouseServiceCollectionExtensions.CreateDataSource(RestoredConnectionString);
        Assert.True((await new SchemaMigrator(restored).GetStatusAsync()).IsCurrent);

        // The same stats, as `pk etl stats --format json` prints them.
        var original = await StatsAsync(database.ConnectionString);
        Assert.Equal(original, await StatsAsync(RestoredConnectionString));
        using (var stats = JsonDocument.Parse(original))
        {
            var total = stats.RootElement.GetProperty("total");
            Assert.True(total.GetProperty("documents").GetInt64() > 0);
            Assert.True(total.GetProperty("realisation").GetProperty("total").GetInt64() > 0);
        }

        // The same accounts, and their passwords still sign in.
        await using (var before = Services(database.ConnectionString))
        await using (var after = Services(RestoredConnectionString))
        {
            var accountsBefore = await before.Services.GetRequiredService<AccountAdministration>().ListAsync(ViewerScope.System);
            var accountsAfter = await after.Services.GetRequiredService<AccountAdministration>().ListAsync(ViewerScope.System);
            Assert.Equal(3, accountsBefore.Count);
            Assert.Equal(accountsBefore, accountsAfter);
            await using var scope = after.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PkUser>>();
            var admin = await users.FindByEmailAsync("admin@cadangan.local");
            Assert.NotNull(admin);
            Assert.True(await users.CheckPasswordAsync(admin, password));
            Assert.False(await users.CheckPasswordAsync(admin, password + "x"));
        }

        // The same delivery log, as the Riwayat Pengiriman page reads it.
        var logBefore = await new DeliveryLog(database.DataSource).ListAsync();
        var logAfter = await new DeliveryLog(restored).ListAsync();
        Assert.Single(logBefore);
        Assert.Equal("sent", logBefore[0].Status);
        Assert.Equal(JsonSerializer.Serialize(logBefore), JsonSerializer.Serialize(logAfter));

        // And every table row for row, every sequence where it was (new rows get new ids, not taken ones).
        Assert.Equal(await ContentAsync(database.DataSource), await ContentAsync(restored));
    }

    [Fact]
    public async Task Restore_IntoANonEmptyDatabase_RefusesWithoutForce_AndReplacesItWithForce()
    {
        await FillAsync();
        var backup = await OpsProcess.PkAsync(database.ConnectionString, "backup", dump);
        Assert.True(backup.Code == 0, backup.Error);

        // The database the dump came from is not empty: refused, nothing changed.
        var before = await ContentAsync(database.DataSource);
        var refused = await OpsProcess.PkAsync(database.ConnectionString, "restore", dump);
        Assert.Equal(1, refused.Code);
        Assert.Contains("is not empty", refused.Error);
        Assert.Contains("nothing was changed", refused.Error);
        Assert.Contains("--force", refused.Error);
        Assert.Equal(before, await ContentAsync(database.DataSource));

        // Backup refuses to overwrite its file unless told to.
        var again = await OpsProcess.PkAsync(database.ConnectionString, "backup", dump);
        Assert.Equal(1, again.Code);
        Assert.Contains("exists", again.Error);

        // A restored copy that then changed (an account deleted, realisation removed) is replaced with --force.
        Assert.Equal(0, (await OpsProcess.PkAsync(RestoredConnectionString, "restore", dump)).Code);
        await using (var restored = WarehouseServiceCollectionExtensions.CreateDataSource(RestoredConnectionString))
        {
            await using var connection = await restored.OpenConnectionAsync();
            await connection.ExecuteAsync("delete from fact_indicator_realisation; delete from report_delivery");
            Assert.NotEqual(before, await ContentAsync(restored));
        }

        var forced = await OpsProcess.PkAsync(RestoredConnectionString, "restore", dump, "--force");
        Assert.True(forced.Code == 0, forced.Error);
        Assert.Contains("--force: dropping database", forced.Error);
        await using (var restored = WarehouseServiceCollectionExtensions.CreateDataSource(RestoredConnectionString))
        {
            Assert.Equal(before, await ContentAsync(restored));
        }

        // Not a dump: said so, and nothing is created.
        var notADump = Path.ChangeExtension(dump, ".txt");
        await File.WriteAllTextAsync(notADump, "bukan cadangan");
        try
        {
            var wrong = await OpsProcess.PkAsync(RestoredConnectionString, "restore", notADump, "--database", restoredName + "_x");
            Assert.Equal(1, wrong.Code);
            Assert.Contains("not a pg_dump custom-format archive", wrong.Error);
        }
        finally
        {
            File.Delete(notADump);
        }
    }

    /// <summary>Seeds, realisation, three accounts and a subscription whose one delivery was sent - idempotent: both tests share the fixture's database.</summary>
    private async Task FillAsync()
    {
        var load = await OpsProcess.EtlAsync(database.ConnectionString, "load", Repo.Seeds);
        Assert.True(load.Code == 0, load.Error);
        var demo = await OpsProcess.EtlAsync(database.ConnectionString, "demo-data");
        Assert.True(demo.Code == 0, demo.Error);

        int agencyId;
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            agencyId = await connection.ExecuteScalarAsync<int>("select min(agency_id) from dim_agency");
        }

        await using var app = Services(database.ConnectionString);
        var accounts = app.Services.GetRequiredService<AccountAdministration>();
        var existing = await accounts.ListAsync(ViewerScope.System);
        foreach (var (email, role, agency) in new[]
                 {
                     ("admin@cadangan.local", PkRoles.Admin, (int?)null),
                     ("pimpinan@cadangan.local", PkRoles.Pimpinan, null),
                     ("operator@cadangan.local", PkRoles.Operator, agencyId),
                 })
        {
            var result = existing.Any(a => a.Email == email)
                ? await accounts.ResetPasswordAsync(ViewerScope.System, email, password)
                : await accounts.CreateAsync(ViewerScope.System, email, "Uji " + role, role, agency, password);
            Assert.True(result.Succeeded, result.Error);
        }

        var subscriptions = new SubscriptionStore(database.DataSource);
        if ((await subscriptions.ListAsync()).Count == 0)
        {
            var id = await subscriptions.SaveAsync(null, SubscriptionStore.Default with
            {
                Recipients = [new RecipientInput("pimpinan@cadangan.local", PkRoles.Pimpinan, null, "Pimpinan")],
            }, by: "uji");
            var subscription = await subscriptions.GetAsync(id);
            var claims = new DeliveryClaims(database.DataSource, new ReportOptions());
            var claim = await claims.TryClaimAsync(id, "2024-06", subscription!.Recipients.Single(), "manual");
            Assert.NotNull(claim);
            Assert.True(await claims.FinishAsync(claim.DeliveryId, ReportDelivery.StatusSent, "250 2.0.0 OK", "attachment", 12345, "<uji@pk>", 1));
        }
    }

    private static async Task<string> StatsAsync(string connectionString)
    {
        var stats = await OpsProcess.EtlAsync(connectionString, "stats", "--format", "json");
        Assert.True(stats.Code == 0, stats.Error);
        return stats.Output;
    }

    /// <summary>Every table of every schema (row count and a digest of its rows in a fixed order) and every sequence's position.</summary>
    private static async Task<string> ContentAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var tables = (await connection.QueryAsync<string>("""
            select format('%I.%I', schemaname, tablename) from pg_tables
            where schemaname not in ('pg_catalog', 'information_schema') order by 1
            """)).ToList();
        Assert.Contains("public.app_user", tables);
        var lines = new List<string>();
        foreach (var table in tables)
        {
            var (rows, digest) = await connection.QuerySingleAsync<(long, string)>(
                $"select count(*), md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) from {table} t");
            lines.Add($"{table} {rows} {digest}");
        }

        lines.AddRange(await connection.QueryAsync<string>(
            "select format('%I.%I', schemaname, sequencename) || ' at ' || coalesce(last_value::text, 'unused') from pg_sequences order by 1"));
        return string.Join('\n', lines);
    }

    private static WebApplication Services(string connectionString)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["ConnectionStrings:Warehouse"] = connectionString;
        builder.Logging.ClearProviders();
        // PK_DB, when set, overrides the configured connection string: this database, not PK_DB's, for the build.
        var previous = Environment.GetEnvironmentVariable("PK_DB");
        Environment.SetEnvironmentVariable("PK_DB", connectionString);
        try
        {
            builder.AddDashboard();
        }
        finally
        {
            Environment.SetEnvironmentVariable("PK_DB", previous);
        }

        return builder.Build();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        File.Delete(dump);
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString);
        await admin.OpenAsync();
        foreach (var name in new[] { restoredName, restoredName + "_x" })
        {
            await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
