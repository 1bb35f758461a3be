using Dapper;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Schema;

namespace PkAnalytics.Warehouse.Tests;

public sealed class MigrationRunnerTests(EmptyTestDatabase database) : IClassFixture<EmptyTestDatabase>
{
    [Fact]
    public async Task Migrate_FromEmptyThenAgain_AppliesEachFileOnceAndReportsCurrent()
    {
        var runner = new MigrationRunner(database.DataSource);
        var before = await runner.GetStatusAsync();

        // Two processes starting together: the advisory lock makes one wait for the other.
        var first = runner.MigrateAsync();
        var second = new MigrationRunner(database.DataSource).MigrateAsync();
        var applied = (await first).Count + (await second).Count;
        var again = await runner.MigrateAsync();
        var after = await runner.GetStatusAsync();

        Assert.Equal(0, before.CurrentVersion);
        Assert.False(before.IsCurrent);
        Assert.Equal(Migration.Embedded.Count, applied);
        Assert.Empty(again);
        Assert.True(after.IsCurrent);
        Assert.Equal(Migration.LatestVersion, after.CurrentVersion);

        await using var connection = await database.DataSource.OpenConnectionAsync();
        var versions = (await connection.QueryAsync<int>("select version from schema_version order by version")).ToList();
        Assert.Equal(Migration.Embedded.Select(m => m.Version), versions);
        Assert.True(await connection.ExecuteScalarAsync<bool>("select to_regclass('fact_indicator_target') is not null"));
    }

    [Fact]
    public void Embedded_MigrationsAreNumberedAndOrdered()
    {
        Assert.NotEmpty(Migration.Embedded);
        Assert.Equal(1, Migration.Embedded[0].Version);
        Assert.True(Migration.Embedded.Zip(Migration.Embedded.Skip(1)).All(p => p.First.Version < p.Second.Version));
    }
}
