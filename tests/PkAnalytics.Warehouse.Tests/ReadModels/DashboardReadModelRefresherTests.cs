using Dapper;
using PkAnalytics.Domain.Rules;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Warehouse.Tests.ReadModels;

public sealed class DashboardReadModelRefresherTests(SampleDatabase database) : IClassFixture<SampleDatabase>
{
    private async Task<RegencyPerformance> OverviewAsync() =>
        RegencyPerformance.From(
            await new PerformanceReadModel(database.DataSource).ReadAsync(ViewerScope.AllAgencies, DashboardSampleData.Year),
            CapaianBandSet.Default);

    [Fact]
    public async Task Refresh_RebuildsOnlyAfterAChange_AndThenShowsIt()
    {
        var refresher = new DashboardReadModelRefresher(database.DataSource);
        await refresher.RefreshAsync(force: true);
        var unchanged = await refresher.RefreshAsync();

        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            // Beta's SAKIP indicator realised at 84 against 80: capaian 105 (Sangat Tinggi).
            await connection.ExecuteAsync("insert into fact_indicator_realisation (indicator_id, year, quarter, value) values (5, 2024, 4, 84)");
        }

        var before = await OverviewAsync();
        var rebuilt = await refresher.RefreshAsync();
        var after = await OverviewAsync();

        Assert.False(unchanged);
        Assert.True(rebuilt);
        Assert.Equal(1, before.Bands[0].Count);
        Assert.Equal(2, after.Bands[0].Count);
        Assert.Equal(105m, after.Agencies.Single(a => a.AgencyId == DashboardSampleData.BetaId).AverageCapaian);
        Assert.DoesNotContain("Belum ada realisasi indikator", after.Agencies.Single(a => a.AgencyId == DashboardSampleData.BetaId).AttentionReasons);
    }

    [Fact]
    public async Task Refresh_AfterTheBandsChange_ReclassifiesWithoutAnyFactChanging()
    {
        var refresher = new DashboardReadModelRefresher(database.DataSource);
        await refresher.RefreshAsync(force: true);
        await using var connection = await database.DataSource.OpenConnectionAsync();
        // A regency that calls 50 "Rendah" from 2024 on.
        await connection.ExecuteAsync("""
            insert into capaian_band (effective_from, name, min_inclusive) values
                ('2024-01-01', 'Sangat Tinggi', 91), ('2024-01-01', 'Tinggi', 76), ('2024-01-01', 'Sedang', 66),
                ('2024-01-01', 'Rendah', 50), ('2024-01-01', 'Sangat Rendah', null)
            """);

        var rebuilt = await refresher.RefreshAsync();
        var band = await connection.QuerySingleAsync<string>("select band from rm_indicator_year where year = 2024 and indicator_id = 3");
        await connection.ExecuteAsync("delete from capaian_band where effective_from = '2024-01-01'");
        await refresher.RefreshAsync();

        Assert.True(rebuilt);
        Assert.Equal("Rendah", band);
    }
}
