using System.Text.Json;
using Dapper;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Etl.Tests;

public sealed class StatsCommandTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Stats_AfterLoadingTheSeeds_PrintsTheDatabaseCountsAsTextAndJson()
    {
        await EtlProcess.RunAsync(database.ConnectionString, "load", Repo.Seeds);

        var json = await EtlProcess.RunAsync(database.ConnectionString, "stats", "--format", "json");
        var text = await EtlProcess.RunAsync(database.ConnectionString, "stats");

        Assert.Equal(0, json.Code);
        using var parsed = JsonDocument.Parse(json.Output);
        var total = parsed.RootElement.GetProperty("total");
        await using var connection = await database.DataSource.OpenConnectionAsync();
        Assert.Equal(await connection.ExecuteScalarAsync<long>("select count(*) from dim_document"), total.GetProperty("documents").GetInt64());
        Assert.Equal(await connection.ExecuteScalarAsync<long>("select count(*) from agreement"), total.GetProperty("agreements_all").GetInt64());
        Assert.Equal(await connection.ExecuteScalarAsync<long>("select count(*) from agreement_current"), total.GetProperty("agreements_current").GetInt64());
        Assert.Equal(await connection.ExecuteScalarAsync<long>("select count(*) from fact_indicator_target"), total.GetProperty("indicator_targets").GetInt64());
        Assert.Equal(await connection.ExecuteScalarAsync<long>("select count(*) from fact_budget_allocation"), total.GetProperty("budget_lines").GetInt64());
        Assert.Equal(await connection.ExecuteScalarAsync<long>("select count(*) from finding"), total.GetProperty("findings").GetInt64());
        Assert.Equal(0, total.GetProperty("realisation").GetProperty("total").GetInt64());
        Assert.Equal(
            total.GetProperty("documents").GetInt64(),
            parsed.RootElement.GetProperty("agencies").EnumerateArray().Sum(a => a.GetProperty("documents").GetInt64()));

        Assert.Equal(0, text.Code);
        Assert.Contains("Agreements cur/all", text.Output);
        Assert.Matches($@"\nTotal\s+{total.GetProperty("documents").GetInt64()}\s", text.Output);
    }
}
