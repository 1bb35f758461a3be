using Dapper;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Etl.Tests;

public sealed class SeedCascadeTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Seeds_FormOneCascadeUnderTheBupati_WithOneHeadPerAgency()
    {
        var load = await EtlProcess.RunAsync(database.ConnectionString, "load", Repo.Seeds);
        Assert.True(load.Code == 0, load.Output + load.Error);

        await using var connection = await database.DataSource.OpenConnectionAsync();
        var roots = (await connection.QueryAsync<(string Title, string Level)>(
            "select title, level from dim_position where superior_position_id is null")).ToList();
        Assert.Equal([("BUPATI LUWU TIMUR", "bupati")], roots);
        // Every position reaches the Bupati.
        Assert.Equal(
            await connection.ExecuteScalarAsync<long>("select count(*) from dim_position"),
            await connection.ExecuteScalarAsync<long>("select count(*) from position_tree"));
        var heads = (await connection.QueryAsync<(string Agency, long Heads)>("""
            select a.name, count(t.position_id) filter (where t.depth = 1 and t.level = 'eselon_ii')
            from dim_agency a left join position_tree t using (agency_id) group by a.name
            """)).ToList();
        Assert.Equal(5, heads.Count);
        Assert.All(heads, h => Assert.Equal(1L, h.Heads));
    }
}
