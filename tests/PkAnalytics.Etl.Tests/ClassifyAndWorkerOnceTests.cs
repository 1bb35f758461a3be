using PkAnalytics.Warehouse.ReadModels;
using Dapper;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Inbox;

namespace PkAnalytics.Etl.Tests;

public sealed class ClassifyAndWorkerOnceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task WorkerOnce_ThenClassifyAfterAnOverride_LoadsTheInboxAndReclassifiesTheIndicator()
    {
        var queue = new InboxQueue(database.DataSource);
        var id = await queue.EnqueueAsync(ViewerScope.System, "dukcapil.txt", await File.ReadAllBytesAsync(Repo.SeedFiles.Single(f => Path.GetFileName(f).StartsWith("003_", StringComparison.Ordinal))));

        var worker = await EtlProcess.RunAsync(database.ConnectionString, "worker", "--once");

        Assert.Equal(0, worker.Code);
        Assert.Contains("processed 1 inbox item(s)", worker.Output);
        Assert.Equal("loaded", (await queue.GetAsync(id))!.Status);

        await using var connection = await database.DataSource.OpenConnectionAsync();
        var indicator = await connection.QueryFirstAsync<(string Name, string Key, string Category)>(
            "select name, normalized_name, category from dim_indicator where category <> 'sakip' order by indicator_id");
        await connection.ExecuteAsync(
            "insert into indicator_classification_override (normalized_name, category) values (@Key, 'sakip')", new { indicator.Key });

        var classify = await EtlProcess.RunAsync(database.ConnectionString, "classify");

        Assert.Equal(0, classify.Code);
        Assert.Contains("reclassified 1 indicator(s)", classify.Output);
        Assert.Equal(("sakip", "override"), await connection.QuerySingleAsync<(string, string)>(
            "select category, classification_source from dim_indicator where normalized_name = @Key", new { indicator.Key }));
    }
}
