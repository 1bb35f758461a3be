using Dapper;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Etl.Tests;

public sealed class DemoDataCommandTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Help_ListsDemoDataAsPkUpExpects()
    {
        var (code, output, _) = await CommandLineTests.Run("help");
        Assert.Equal(0, code);
        // ./pk up runs demo-data when `pk-etl help` has a line matching "^  demo-data( |$)".
        Assert.Matches(@"(?m)^  demo-data( |$)", output);
    }

    [Fact]
    public async Task DemoData_ThroughTheProcess_WritesSampleRowsThenIsAlreadyCurrent()
    {
        await RealisationSeed.InsertAsync(database.DataSource, "etl");
        var first = await EtlProcess.RunAsync(database.ConnectionString, "demo-data");
        var second = await EtlProcess.RunAsync(database.ConnectionString, "demo-data");

        Assert.Equal(0, first.Code);
        Assert.Contains("all marked as sample data", first.Error);
        Assert.Equal(0, second.Code);
        Assert.Contains("already current", second.Error);
        await using var connection = await database.DataSource.OpenConnectionAsync();
        Assert.True(await connection.ExecuteScalarAsync<long>("select count(*) from fact_indicator_realisation where is_sample") > 0);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from fact_sakip_evaluation where not is_sample"));
    }

    [Fact]
    public async Task DemoData_WithArguments_IsAUsageError()
    {
        var (code, _, error) = await CommandLineTests.Run("demo-data", "extra");
        Assert.Equal(2, code);
        Assert.Contains("usage: pk etl demo-data", error);
    }
}
