using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Data;

namespace PkAnalytics.Warehouse.Tests;

public sealed class SchemaMigratorTests(EmptyTestDatabase database) : IClassFixture<EmptyTestDatabase>
{
    [Fact]
    public async Task Migrate_TwoAtOnceThenAgain_AppliesEachMigrationOnceAndReportsCurrent()
    {
        var migrator = new SchemaMigrator(database.DataSource);
        var before = await migrator.GetStatusAsync();

        // Two processes starting together: the advisory lock makes one wait for the other, which then finds nothing.
        var first = migrator.MigrateAsync();
        var second = new SchemaMigrator(database.DataSource).MigrateAsync();
        var applied = (await first).Concat(await second).ToList();
        var again = await migrator.MigrateAsync();
        var after = await migrator.GetStatusAsync();

        await using var context = new WarehouseDbContext(WarehouseDbContext.CreateOptions(database.DataSource));
        var all = context.Database.GetMigrations().ToList();
        Assert.Empty(before.Applied);
        Assert.False(before.IsCurrent);
        Assert.Equal(all, applied);
        Assert.Empty(again);
        Assert.True(after.IsCurrent);
        Assert.Equal(all, after.Applied);

        await using var connection = await database.DataSource.OpenConnectionAsync();
        Assert.Equal(all, (await connection.QueryAsync<string>("""select "MigrationId" from "__EFMigrationsHistory" order by 1""")).ToList());
        Assert.True(await connection.ExecuteScalarAsync<bool>("select to_regclass('fact_indicator_target') is not null"));
        Assert.True(await connection.ExecuteScalarAsync<bool>("select to_regclass('agreement_current') is not null"));
        Assert.Equal(26 * (1 + 4 + 12), await connection.ExecuteScalarAsync<int>("select count(*) from dim_period"));
        Assert.Equal(5, await connection.ExecuteScalarAsync<int>("select count(*) from capaian_band"));
    }
}

public sealed class SchemaAdoptionTests(EmptyTestDatabase database) : IClassFixture<EmptyTestDatabase>
{
    [Fact]
    public async Task Migrate_DatabaseOfTheSqlRunnerAtItsLastVersion_IsAdoptedThenBroughtUpToDate()
    {
        // What a database migrated by the SQL runner that preceded EF looks like: the baseline schema, its data,
        // table schema_version at 30 and no EF history.
        await using (var context = WarehouseDbContext.Create(database.DataSource))
        {
            await context.GetService<IMigrator>().MigrateAsync(SchemaMigrator.BaselineMigration);
        }

        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            drop table "__EFMigrationsHistory";
            create table schema_version (version int primary key, name text not null, applied_at timestamptz not null default now());
            insert into schema_version (version, name) values (1, 'star_schema'), (10, 'load_support'), (11, 'agreement_in_force'),
                (20, 'dashboard_views'), (21, 'dashboard_read_model'), (30, 'realisation');
            insert into dim_agency (name, normalized_name) values ('Dinas Contoh', 'dinas contoh');
            """);

        var applied = await new SchemaMigrator(database.DataSource).MigrateAsync();
        var status = await new SchemaMigrator(database.DataSource).GetStatusAsync();

        await using var model = WarehouseDbContext.Create(database.DataSource);
        Assert.Equal(model.Database.GetMigrations().SkipWhile(m => m != SchemaMigrator.BaselineMigration).Skip(1), applied);
        Assert.True(status.IsCurrent);
        Assert.Equal(SchemaMigrator.BaselineMigration, status.Applied[0]);
        Assert.False(await connection.ExecuteScalarAsync<bool>("select to_regclass('schema_version') is not null"));
        Assert.Equal("Dinas Contoh", await connection.ExecuteScalarAsync<string>("select name from dim_agency"));
    }

    [Fact]
    public async Task Migrate_SqlRunnerDatabaseBeforeItsLastVersion_RefusesAndSaysWhatToDo()
    {
        var empty = new EmptyTestDatabase();
        await ((IAsyncLifetime)empty).InitializeAsync();
        try
        {
            await using var connection = await empty.DataSource.OpenConnectionAsync();
            await connection.ExecuteAsync("create table schema_version (version int primary key, name text not null); insert into schema_version values (1, 'star_schema')");

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new SchemaMigrator(empty.DataSource).MigrateAsync());

            Assert.Contains("version 1", error.Message);
            Assert.Contains("./pk etl migrate", error.Message);
        }
        finally
        {
            await ((IAsyncLifetime)empty).DisposeAsync();
        }
    }
}

public sealed class SchemaScriptTests
{
    [Fact]
    public void IdempotentScript_GuardsEveryMigrationByItsHistoryRow()
    {
        using var dataSource = WarehouseServiceCollectionExtensions.CreateDataSource("Host=127.0.0.1;Database=unused");
        var script = new SchemaMigrator(dataSource).IdempotentScript();

        Assert.Contains("CREATE TABLE IF NOT EXISTS \"__EFMigrationsHistory\"", script);
        Assert.Contains($"WHERE \"MigrationId\" = '{SchemaMigrator.BaselineMigration}'", script);
        Assert.Contains("create view agreement_current", script);
    }
}
