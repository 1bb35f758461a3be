using Dapper;
using PkAnalytics.Domain.Rules;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.ReadModels;
using PkAnalytics.Warehouse.Realisation;

namespace PkAnalytics.Warehouse.Tests.Realisation;

public sealed class DemoDataTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task DemoData_WritesPlausibleSampleRows_IsIdempotent_AndKeepsRealData()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "demo");
        var probe = new SampleDataProbe(database.DataSource);
        Assert.False(await probe.HasSampleAsync(ViewerScope.AllAgencies));

        // A real value entered by an operator must survive demo data.
        await new IndicatorRealisationStore(database.DataSource).SaveAsync(ViewerScope.AllAgencies with { Actor = "operator" }, seed.AgencyId,
            [new IndicatorRealisationInput(seed.PercentIndicatorId, 2024, 1, 11m, "asli")]);

        var writer = new DemoDataWriter(database.DataSource);
        var first = await writer.WriteAsync();
        var second = await writer.WriteAsync();

        Assert.Equal(2, first.Agencies);
        Assert.Equal(4 + 3 + 1, first.IndicatorValues); // documents 4 quarters, percent 3 (TW I is real), SAKIP in TW IV
        Assert.Equal(2 * 12 + 1 * 12, first.BudgetValues); // deepest level: two sub kegiatan; other agency one
        Assert.Equal(2, first.SakipEvaluations); // the agreement year (2024) per agency, no year without agreements
        Assert.Equal(2, first.IkmSurveys);
        Assert.Equal(0, second.Changed);

        await using var c = await database.DataSource.OpenConnectionAsync();
        Assert.Equal(11m, await c.ExecuteScalarAsync<decimal>(
            "select value from fact_indicator_realisation where indicator_id = @id and year = 2024 and quarter = 1 and not is_sample", new { id = seed.PercentIndicatorId }));
        Assert.Equal(0, await c.ExecuteScalarAsync<long>(
            "select count(*) from fact_budget_realisation where not is_sample"));
        Assert.True(await probe.HasSampleAsync(ViewerScope.Agency(seed.AgencyId), 2024));
        Assert.False(await probe.HasSampleAsync(ViewerScope.AllAgencies, 2019));

        // Plausible: valid for the unit, capaian within a sane range, SAKIP and IKM within their scales.
        var entries = await new IndicatorRealisationStore(database.DataSource).ListAsync(ViewerScope.AllAgencies, seed.AgencyId, 2024);
        foreach (var e in entries)
        {
            Assert.All(e.Quarters.Values, v => Assert.Null(UnitValidation.Validate(e.Unit, v!.Value)));
            Assert.InRange(e.CapaianAsOf(4)!.Value, 50m, 120m);
        }

        var documents = entries.Single(e => e.IndicatorId == seed.DocumentsIndicatorId);
        Assert.All(documents.Quarters.Values, v => Assert.Equal(decimal.Truncate(v!.Value), v!.Value));
        var absorption = (await new BudgetRealisationStore(database.DataSource).SummaryAsync(ViewerScope.AllAgencies, seed.AgencyId, 2024))
            .Single(s => s.ProgramId == seed.SubKegiatanId).AbsorptionPercent!.Value;
        Assert.InRange(absorption, 75m, 100m);
        var sakipIndicator = entries.Single(e => e.IndicatorId == seed.SakipIndicatorId);
        var sakip2024 = (await new SakipStore(database.DataSource).HistoryAsync(ViewerScope.AllAgencies, seed.AgencyId)).Single(s => s.Year == 2024);
        Assert.Equal(new[] { 4 }, sakipIndicator.Quarters.Keys);
        Assert.Equal(sakip2024.Total, sakipIndicator.Quarters[4]);
        Assert.Equal(71.25m, sakip2024.Target);

        foreach (var s in await new SakipStore(database.DataSource).HistoryAsync(ViewerScope.AllAgencies))
        {
            Assert.Empty(s.Score.Validate());
            Assert.True(s.IsSample);
        }

        Assert.All(await new IkmStore(database.DataSource).ListAsync(ViewerScope.AllAgencies), s => Assert.InRange(s.IkmValue, 65m, 100m));
    }

    [Fact]
    public void Unit_IsPinned_SoDemoDataIsTheSameOnEveryMachine()
    {
        // Values computed independently (FNV-1a + murmur finaliser, mod 100000); a change here changes every demo value.
        Assert.Equal(0.75436m, DemoDataWriter.Unit("ind|Dinas|x|2024"));
        Assert.Equal(0.3682m, DemoDataWriter.Unit("sakip|Dinas Kependudukan dan Pencatatan Sipil"));
    }
}

public sealed class RealisationStatusTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Status_CountsFilledIndicatorsPerQuarter_BudgetMonths_SakipIkm()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "status");
        await new IndicatorRealisationStore(database.DataSource).SaveAsync(ViewerScope.AllAgencies with { Actor = "op" }, seed.AgencyId,
        [
            new IndicatorRealisationInput(seed.PercentIndicatorId, 2024, 1, 10m, null),
            new IndicatorRealisationInput(seed.DocumentsIndicatorId, 2024, 1, 2m, null),
            new IndicatorRealisationInput(seed.DocumentsIndicatorId, 2024, 2, 2m, null),
        ]);
        await new SakipStore(database.DataSource).SaveAsync(ViewerScope.AllAgencies with { Actor = "op" }, seed.AgencyId, 2024, new SakipScore(20m, 20m, 10m, 15m));

        var model = new RealisationStatusReadModel(database.DataSource);
        Assert.Contains(2024, await model.YearsAsync(ViewerScope.AllAgencies));
        var status = (await model.StatusAsync(ViewerScope.AllAgencies, 2024)).Single(s => s.AgencyId == seed.AgencyId);
        Assert.Equal(3, status.Indicators);
        Assert.Equal(new[] { 2, 1, 0, 0 }, Enumerable.Range(1, 4).Select(status.Filled));
        Assert.Equal(0, status.BudgetMonths);
        Assert.True(status.HasSakip);
        Assert.False(status.HasIkm);
        Assert.False(status.HasSample);
        Assert.Single(await model.StatusAsync(ViewerScope.Agency(seed.OtherAgencyId), 2024));
    }
}
