using Dapper;
using PkAnalytics.Domain.Rules;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Warehouse.Tests.ReadModels;

public sealed class PerformanceReadModelTests(SampleDatabase database) : IClassFixture<SampleDatabase>
{
    private async Task<RegencyPerformance> ReadAsync(ViewerScope scope, IReadOnlyCollection<int>? agencies = null) =>
        RegencyPerformance.From(
            await new PerformanceReadModel(database.DataSource).ReadAsync(scope, DashboardSampleData.Year, agencies),
            CapaianBandSet.Default);

    [Fact]
    public async Task Overview_AllAgencies_CountsCurrentAgreementsIndicatorsAndBudgetOnce()
    {
        var overview = await ReadAsync(ViewerScope.AllAgencies);

        Assert.Equal(["Dinas Alfa", "Dinas Beta", "Kecamatan Gamma"], overview.Agencies.Select(a => a.Name));
        Assert.Equal(2, overview.AgenciesWithAgreements);
        var alfa = overview.Agencies[0];
        Assert.Equal(3, alfa.Row.Agreements); // the amendment replaces the head's original
        Assert.Equal(4, alfa.Row.Indicators);
        Assert.Equal(1_200_000m, alfa.Row.Budget); // the program once, after the amendment, not the restated lines
        Assert.Equal(300_000m, alfa.Row.BudgetRealised);
        Assert.Equal(4, overview.AgreementCount);
        Assert.Equal(5, overview.IndicatorCount);
        Assert.Equal(2_000_000m, overview.TotalBudget);
    }

    [Fact]
    public async Task Overview_SakipAndIkm_UseTheHeadsTargetAndTheDomainRules()
    {
        var overview = await ReadAsync(ViewerScope.AllAgencies);
        var alfa = overview.Agencies.Single(a => a.AgencyId == DashboardSampleData.AlfaId);
        var beta = overview.Agencies.Single(a => a.AgencyId == DashboardSampleData.BetaId);

        Assert.Equal(75m, alfa.Row.SakipTarget); // the head's, not the Sekretaris' 71,25
        Assert.Equal(81.10m, alfa.SakipScore);
        Assert.Equal("A", alfa.SakipPredicate);
        Assert.Equal("B", beta.SakipPredicate);
        Assert.Equal(81m, alfa.Row.IkmValue); // whole-year units averaged; the quarter row is older news
        Assert.Equal("B", alfa.IkmCategory?.Code);
        Assert.Equal("C", beta.IkmCategory?.Code);
        Assert.Equal(77.5m, overview.AverageSakipTarget);
        Assert.Equal(73.05m, overview.AverageSakipScore);
        Assert.Equal("BB", overview.AverageSakipPredicate);
    }

    [Fact]
    public async Task ReadModel_Capaian_AggregatesQuartersAndFallsIntoBands()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<(int Indicator, decimal? Realisation, decimal? Capaian, string? Band)>(
            "select indicator_id, realisation, capaian, band from rm_indicator_year where year = 2024")).ToDictionary(r => r.Indicator);

        Assert.Equal((60m, 50m, "Sangat Rendah"), (rows[3].Realisation, rows[3].Capaian, rows[3].Band)); // 30 + 30 against the amended 120
        Assert.Equal((12m, 80m, "Tinggi"), (rows[4].Realisation, rows[4].Capaian, rows[4].Band)); // lower is better: (2 - 12/10) x 100
        Assert.Equal(101.3333m, rows[1].Capaian); // 76 / 75 against the head's target, not the Sekretaris' 71,25
        Assert.Null(rows[2].Capaian);
        Assert.Equal(5, rows.Count);
    }

    [Fact]
    public async Task Overview_BandDistribution_CountsTheIndicatorsWithCapaian()
    {
        var overview = await ReadAsync(ViewerScope.AllAgencies);

        Assert.Equal(
            [("Sangat Tinggi", 1), ("Tinggi", 1), ("Sedang", 0), ("Rendah", 0), ("Sangat Rendah", 1)],
            overview.Bands.Select(b => (b.Band, b.Count)));
        Assert.Equal(3, overview.IndicatorsWithCapaian);
        var alfa = overview.Agencies.Single(a => a.AgencyId == DashboardSampleData.AlfaId);
        Assert.Equal(Math.Round((101.3333m + 80m + 50m) / 3, 4), Math.Round(alfa.AverageCapaian!.Value, 4));
    }

    [Fact]
    public async Task Overview_AgenciesNeedingAttention_SayWhy()
    {
        var overview = await ReadAsync(ViewerScope.AllAgencies);

        var beta = overview.NeedingAttention.First();
        Assert.Equal("Dinas Beta", beta.Name);
        Assert.Contains("Nilai SAKIP di bawah target", beta.AttentionReasons);
        Assert.Contains("IKM Kurang Baik", beta.AttentionReasons);
        Assert.Contains("Belum ada realisasi indikator", beta.AttentionReasons);
        var gamma = overview.NeedingAttention.Single(a => a.Name == "Kecamatan Gamma");
        Assert.Equal(["Belum ada perjanjian kinerja tahun ini"], gamma.AttentionReasons);
        var alfa = overview.NeedingAttention.Single(a => a.Name == "Dinas Alfa");
        Assert.Equal(["1 dari 3 indikator bercapaian Sangat Rendah / Rendah"], alfa.AttentionReasons);
    }

    [Fact]
    public async Task Overview_ProgramsAreConformedAcrossAgencies()
    {
        var overview = await ReadAsync(ViewerScope.AllAgencies);

        var p1 = overview.Programs[0];
        Assert.Equal("Program Penunjang Urusan Pemerintahan", p1.Program);
        Assert.Equal(1_700_000m, p1.Amount);
        Assert.Equal(300_000m, p1.Realised);
        Assert.Equal(1_200_000m, p1.AmountByAgency[DashboardSampleData.AlfaId]);
        Assert.Equal(500_000m, p1.AmountByAgency[DashboardSampleData.BetaId]);
        Assert.Equal(300_000m, overview.Programs[1].Amount);
        Assert.Equal(2, overview.Programs.Count); // the sub kegiatan without a known program is not a program
        Assert.Equal(new DateTime(2024, 7, 2, 3, 30, 0), overview.Snapshot.Freshness.LastDocumentLoadedAt);
        Assert.Equal(3, overview.Snapshot.Freshness.Findings);
    }

    [Fact]
    public async Task Overview_ProgramsSummedInTheDatabase_EqualThePerAgencyRows()
    {
        var perAgency = await ReadAsync(ViewerScope.AllAgencies);
        var summed = RegencyPerformance.From(
            await new PerformanceReadModel(database.DataSource).ReadAsync(ViewerScope.AllAgencies, DashboardSampleData.Year, programsByAgency: false),
            CapaianBandSet.Default);

        Assert.Equal(perAgency.Programs.Select(p => (p.Program, p.Amount, p.Realised)), summed.Programs.Select(p => (p.Program, p.Amount, p.Realised)));
        Assert.Equal(2, summed.Snapshot.Programs.Count);
    }

    [Fact]
    public async Task Read_ScopedToOneAgency_NeverReturnsAnotherAgencysRows()
    {
        var overview = await ReadAsync(ViewerScope.Agency(DashboardSampleData.BetaId));
        var asked = await ReadAsync(ViewerScope.Agency(DashboardSampleData.BetaId), [DashboardSampleData.AlfaId]);

        Assert.Equal(["Dinas Beta"], overview.Agencies.Select(a => a.Name));
        Assert.Equal(1, overview.IndicatorCount);
        Assert.Equal(800_000m, overview.TotalBudget);
        Assert.Equal(2, overview.Snapshot.Freshness.Findings);
        Assert.Empty(asked.Agencies);
        Assert.Empty(asked.Programs);
    }

    [Fact]
    public async Task Comparison_ChosenAgencies_OnlyThose()
    {
        var comparison = await ReadAsync(ViewerScope.AllAgencies, [DashboardSampleData.AlfaId]);

        Assert.Equal(["Dinas Alfa"], comparison.Agencies.Select(a => a.Name));
        Assert.Equal(1_200_000m, comparison.TotalBudget);
        Assert.Single(comparison.Programs);
    }

    [Fact]
    public async Task Years_ListsYearsWithData_LatestFirst()
    {
        var years = await new PerformanceReadModel(database.DataSource).YearsAsync(ViewerScope.AllAgencies);
        Assert.Equal([(2024, 2)], years.Select(y => (y.Year, y.Agencies))); // Gamma has nothing in 2024
    }

    [Fact]
    public void DefaultYear_IsTheLatestYearWithAgreements()
    {
        YearWithData Y(int year, int agencies, int withAgreements) => new() { Year = year, Agencies = agencies, AgenciesWithAgreements = withAgreements };

        // Issue 12: one default year for every page, the latest year with agreements (not the year most agencies have).
        Assert.Equal(2025, YearWithData.Default([Y(2025, 1, 1), Y(2024, 4, 4)], 2026));
        // A year with only realisation or evaluations entered (no agreement yet) is not the default.
        Assert.Equal(2024, YearWithData.Default([Y(2026, 2, 0), Y(2024, 3, 3)], 2026));
        Assert.Equal(2023, YearWithData.Default([Y(2023, 2, 0)], 2026));
        Assert.Equal(2026, YearWithData.Default([], 2026));
    }
}
