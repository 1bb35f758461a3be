using PkAnalytics.Warehouse.Accounts;
using Dapper;
using PkAnalytics.Domain.Rules;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.ReadModels;
using PkAnalytics.Warehouse.Realisation;

namespace PkAnalytics.Warehouse.Tests.Realisation;

public sealed class SakipStoreTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Save_Dukcapil_StoresTotalAndPredicate_WithHistoryAndTarget()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "sakip");
        var store = new SakipStore(database.DataSource);
        var saved = await store.SaveAsync(ViewerScope.AllAgencies with { Actor = "inspektorat" }, seed.AgencyId, 2024, new SakipScore(25.50m, 24.00m, 11.85m, 19.75m));
        await store.SaveAsync(ViewerScope.AllAgencies with { Actor = "inspektorat" }, seed.AgencyId, 2023, new SakipScore(20m, 20m, 10m, 15m));
        var again = await store.SaveAsync(ViewerScope.AllAgencies with { Actor = "inspektorat" }, seed.AgencyId, 2024, new SakipScore(25.50m, 24.00m, 11.85m, 19.75m));

        Assert.Equal(1, saved.Changed);
        Assert.Equal(0, again.Changed);
        var history = await store.HistoryAsync(ViewerScope.AllAgencies, seed.AgencyId);
        Assert.Equal(new[] { 2023, 2024 }, history.Select(h => h.Year));
        Assert.Equal(81.10m, history[1].Total);
        Assert.Equal("A", history[1].Predicate);
        Assert.Equal(71.25m, history[1].Target);
        Assert.Equal("B", history[0].Predicate);
        Assert.Empty(await store.HistoryAsync(ViewerScope.Agency(seed.OtherAgencyId), seed.AgencyId));
    }

    [Fact]
    public async Task Save_ComponentAboveMaximum_IsRefusedAndNothingStored()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "max");
        var store = new SakipStore(database.DataSource);
        var result = await store.SaveAsync(ViewerScope.AllAgencies with { Actor = "x" }, seed.AgencyId, 2024, new SakipScore(31m, 20m, 10m, 15m));
        Assert.Contains("Perencanaan Kinerja", Assert.Single(result.Errors).Message);
        Assert.Empty(await store.HistoryAsync(ViewerScope.AllAgencies, seed.AgencyId));
    }

    [Fact]
    public async Task Delete_RemovesOnlyInScope()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "delete");
        var store = new SakipStore(database.DataSource);
        await store.SaveAsync(ViewerScope.AllAgencies with { Actor = "x" }, seed.AgencyId, 2024, new SakipScore(20m, 20m, 10m, 15m));
        Assert.Equal(0, await store.DeleteAsync(ViewerScope.Agency(seed.OtherAgencyId), seed.AgencyId, 2024));
        Assert.Equal(1, await store.DeleteAsync(ViewerScope.Agency(seed.AgencyId), seed.AgencyId, 2024));
        Assert.Empty(await store.HistoryAsync(ViewerScope.AllAgencies, seed.AgencyId));
    }

    [Fact]
    public async Task Save_OutsideViewerScope_IsRefused()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "scope");
        var result = await new SakipStore(database.DataSource).SaveAsync(ViewerScope.Agency(seed.OtherAgencyId) with { Actor = "x" }, seed.AgencyId, 2024, new SakipScore(1m, 1m, 1m, 1m));
        Assert.False(result.Accepted);
    }
}

public sealed class IkmStoreTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Responses = """
        responden;U1;U2;U3;U4;U5;U6;U7;U8;U9
        1;4;4;3;4;3;3;4;2;3
        2;3;3;3;4;3;4;4;2;3
        3;3;4;2;4;3;3;3;3;4
        4;4;3;2;4;3;4;3;1;2
        """;

    [Fact]
    public async Task ImportResponses_ComputesNrrIkmCategory_AndReimportChangesNothing()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "ikm");
        var store = new IkmStore(database.DataSource);
        var period = new IkmPeriod(seed.AgencyId, "Loket Pelayanan", 2024, 2);
        var first = await store.ImportResponsesAsync(ViewerScope.AllAgencies with { Actor = "op" }, period, RealisationSeed.Csv(Responses), "r.csv");
        var second = await store.ImportResponsesAsync(ViewerScope.AllAgencies with { Actor = "op" }, period, RealisationSeed.Csv(Responses), "r.csv");

        Assert.True(first.Accepted, string.Join("; ", first.Errors));
        Assert.Equal(1, first.Changed);
        Assert.Equal(0, second.Changed);
        var survey = Assert.Single(await store.ListAsync(ViewerScope.AllAgencies, seed.AgencyId));
        Assert.Equal(79.17m, survey.IkmValue);
        Assert.Equal("B", survey.Category.Code);
        Assert.Equal(4, survey.Respondents);
        Assert.Equal(4, survey.Answers);
        Assert.Equal(new[] { 7, 2, 4 }, survey.Weakest().Select(w => w.Element));
    }

    [Fact]
    public async Task ImportResponses_Xlsx_WithTitleRowsAboveTable_FindsHeader()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "title");
        var lines = Responses.Split('\n').Select(l => (IReadOnlyList<string>)l.Trim().Split(';')).ToList();
        IReadOnlyList<string> title = ["Rekapitulasi SKM Loket Pelayanan 2024"];
        var xlsx = TabularFile.WriteXlsx("SKM", title, [[""], .. lines]);
        var result = await new IkmStore(database.DataSource).ImportResponsesAsync(ViewerScope.AllAgencies with { Actor = "op" },
            new IkmPeriod(seed.AgencyId, "", 2024, null), new MemoryStream(xlsx), "skm.xlsx");
        Assert.True(result.Accepted, string.Join("; ", result.Errors));
        Assert.Equal(79.17m, Assert.Single(await new IkmStore(database.DataSource).ListAsync(ViewerScope.AllAgencies, seed.AgencyId)).IkmValue);
    }

    [Fact]
    public async Task ImportResponses_AnswerOutOfRange_RefusedWithRowAndColumn()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "bad");
        var store = new IkmStore(database.DataSource);
        var bad = Responses.Replace("3;3;4;2;4;3;3;3;3;4", "3;3;4;2;4;3;5;3;3;4", StringComparison.Ordinal);
        Assert.NotEqual(Responses, bad);
        var result = await store.ImportResponsesAsync(ViewerScope.AllAgencies with { Actor = "op" }, new IkmPeriod(seed.AgencyId, "", 2024, null), RealisationSeed.Csv(bad), "r.csv");
        Assert.Equal("Baris 4, kolom G (U6): '5' bukan jawaban 1-4.", Assert.Single(result.Errors).ToString());
        Assert.Empty(await store.ListAsync(ViewerScope.AllAgencies, seed.AgencyId));
    }

    [Fact]
    public async Task Delete_RemovesSurveyAndAnswers_OnlyInScope()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "del");
        var store = new IkmStore(database.DataSource);
        await store.ImportResponsesAsync(ViewerScope.AllAgencies with { Actor = "op" }, new IkmPeriod(seed.AgencyId, "Loket", 2024, 1), RealisationSeed.Csv(Responses), "r.csv");
        var survey = Assert.Single(await store.ListAsync(ViewerScope.AllAgencies, seed.AgencyId));
        Assert.Equal(0, await store.DeleteAsync(ViewerScope.Agency(seed.OtherAgencyId), survey.IkmSurveyId));
        Assert.Equal(1, await store.DeleteAsync(ViewerScope.AllAgencies, survey.IkmSurveyId));
        Assert.Empty(await store.ListAsync(ViewerScope.AllAgencies, seed.AgencyId));
        await using var c = await database.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "select count(*) from ikm_response where ikm_survey_id = @id", new { id = survey.IkmSurveyId }));
    }

    [Fact]
    public async Task SaveAggregate_Dukcapil3_253_Is81_33B_AndValueOnlyWorks()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "agg");
        var store = new IkmStore(database.DataSource);
        await store.SaveAggregateAsync(ViewerScope.AllAgencies with { Actor = "op" }, new IkmPeriod(seed.AgencyId, "", 2024, null), Enumerable.Repeat(3.253m, 9).ToList(), null, 120);
        await store.SaveAggregateAsync(ViewerScope.AllAgencies with { Actor = "op" }, new IkmPeriod(seed.AgencyId, "", 2023, null), null, 76.60m, null);
        var surveys = await store.ListAsync(ViewerScope.AllAgencies, seed.AgencyId);
        Assert.Equal(81.33m, surveys.Single(s => s.Year == 2024).IkmValue);
        Assert.Equal("B", surveys.Single(s => s.Year == 2024).Category.Code);
        Assert.Equal("C", surveys.Single(s => s.Year == 2023).Category.Code);
        Assert.Empty(surveys.Single(s => s.Year == 2023).Weakest());
    }
}

public sealed class IndicatorSettingsAuditTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task UpdateIndicator_AuditsWhoWhenOldAndNew_OnlyForChangedFields()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "audit");
        var store = new IndicatorSettingsStore(database.DataSource);
        var changed = await store.UpdateIndicatorAsync(ViewerScope.AllAgencies with { Actor = "Analis Bappeda" }, seed.PercentIndicatorId, Polarity.LowerIsBetter, Aggregation.NilaiAkhir);
        var unchanged = await store.UpdateIndicatorAsync(ViewerScope.AllAgencies with { Actor = "Analis Bappeda" }, seed.PercentIndicatorId, Polarity.LowerIsBetter, Aggregation.NilaiAkhir);

        Assert.Equal(1, changed);
        Assert.Equal(0, unchanged);
        var audit = (await store.AuditAsync(ViewerScope.AllAgencies)).Where(a => a.Entity == "indicator").ToList();
        var entry = Assert.Single(audit);
        Assert.Equal("polarity", entry.Field);
        Assert.Equal("higher_is_better", entry.OldValue);
        Assert.Equal("lower_is_better", entry.NewValue);
        Assert.Equal("Analis Bappeda", entry.ChangedBy);
        Assert.True(DateTime.UtcNow - entry.ChangedAt.ToUniversalTime() < TimeSpan.FromMinutes(5));
        Assert.Contains("Persentase desa mandiri", entry.Subject);
        var setting = (await store.ListAsync(ViewerScope.AllAgencies, seed.AgencyId)).Single(s => s.IndicatorId == seed.PercentIndicatorId);
        Assert.Equal("lower_is_better", setting.Polarity);

        // A person's edit is not undone when the loader reclassifies indicators.
        await new Loading.IndicatorClassifier(database.DataSource).ReclassifyAsync();
        Assert.Equal("lower_is_better", (await store.ListAsync(ViewerScope.AllAgencies, seed.AgencyId)).Single(s => s.IndicatorId == seed.PercentIndicatorId).Polarity);
    }

    [Fact]
    public async Task UpdateIndicator_ByOperatorOrPimpinan_IsRefusedAndChangesNothing()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "scope");
        var store = new IndicatorSettingsStore(database.DataSource);
        foreach (var viewer in new[] { ViewerScope.Agency(seed.AgencyId), ViewerScope.ForRole(PkRoles.Pimpinan, null, "pimpinan") })
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
                store.UpdateIndicatorAsync(viewer, seed.PercentIndicatorId, Polarity.LowerIsBetter, Aggregation.Kumulatif));
        }

        var setting = (await store.ListAsync(ViewerScope.AllAgencies, seed.AgencyId)).Single(s => s.IndicatorId == seed.PercentIndicatorId);
        Assert.Equal(("higher_is_better", "nilai_akhir"), (setting.Polarity, setting.Aggregation));
    }

    [Fact]
    public async Task BandSets_DefaultsFromMigration_NewSetAppliesFromItsDate_AndIsAudited()
    {
        var store = new IndicatorSettingsStore(database.DataSource);
        var defaults = Assert.Single(await store.BandSetsAsync());
        Assert.Equal(IndicatorSettingsStore.Describe(CapaianBandSet.Default), IndicatorSettingsStore.Describe(defaults));

        var error = await store.SaveBandSetAsync(ViewerScope.System with { Actor = "Kabid Bappeda" }, new DateOnly(2025, 1, 1),
            [new CapaianBand("Baik", 85m), new CapaianBand("Cukup", 60m), new CapaianBand("Kurang", null)]);
        Assert.Null(error);
        Assert.Equal("Tinggi", (await store.BandSetOnAsync(new DateOnly(2024, 12, 31))).Lookup(85m)!.Name);
        Assert.Equal("Baik", (await store.BandSetOnAsync(new DateOnly(2025, 3, 1))).Lookup(85m)!.Name);

        var audit = (await store.AuditAsync(ViewerScope.AllAgencies)).Single(a => a.Entity == "capaian_band");
        Assert.Null(audit.OldValue);
        Assert.Equal("Baik >= 85; Cukup >= 60; Kurang < 60", audit.NewValue);
        Assert.Equal("Kabid Bappeda", audit.ChangedBy);

        Assert.NotNull(await store.SaveBandSetAsync(ViewerScope.System with { Actor = "x" }, new DateOnly(2026, 1, 1), [new CapaianBand("Baik", 85m)]));
        // Only who may edit settings (Admin, Bappeda): an operator or the Bupati's office is refused, nothing saved.
        Assert.NotNull(await store.SaveBandSetAsync(ViewerScope.Agency(1), new DateOnly(2026, 1, 1), [new CapaianBand("Baik", 85m), new CapaianBand("K", null)]));
        Assert.NotNull(await store.SaveBandSetAsync(ViewerScope.ForRole(PkRoles.Pimpinan, null, "pimpinan"), new DateOnly(2026, 1, 1), [new CapaianBand("Baik", 85m), new CapaianBand("K", null)]));
        Assert.Equal(2, (await store.BandSetsAsync()).Count);
    }
}
