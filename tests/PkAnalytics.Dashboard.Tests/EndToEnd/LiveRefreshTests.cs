using Dapper;
using Npgsql;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Dashboard.Tests.EndToEnd;

/// <summary>Its own dashboard process and database, because the test changes the data under it.</summary>
public sealed class LiveSampleDashboard : DashboardServer
{
    protected override Task SeedAsync(NpgsqlDataSource dataSource) => DashboardSampleData.InsertAsync(dataSource);
}

public sealed class LiveRefreshTests(LiveSampleDashboard server) : IClassFixture<LiveSampleDashboard>
{
    [Fact]
    public async Task Overview_AfterRealisationIsEntered_ShowsItWithinSeconds()
    {
        var page = await server.OpenAsync("/");
        var tile = page.Locator("[data-tile=indikator] .pk-tile-sub");
        Assert.Equal("3 sudah bercapaian", (await tile.InnerTextAsync()).Trim());

        await using (var connection = await server.Database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("insert into fact_indicator_realisation (indicator_id, year, quarter, value) values (5, 2024, 4, 84)");
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string shown;
        do
        {
            await Task.Delay(1000);
            await page.ReloadAsync();
            shown = (await page.Locator("[data-tile=indikator] .pk-tile-sub").InnerTextAsync()).Trim();
        }
        while (shown != "4 sudah bercapaian" && DateTime.UtcNow < deadline);

        Assert.Equal("4 sudah bercapaian", shown);
    }
}
