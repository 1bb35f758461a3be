using Dapper;
using PkAnalytics.Domain.Rules;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.Inbox;
using PkAnalytics.Warehouse.ReadModels;
using PkAnalytics.Warehouse.Realisation;

namespace PkAnalytics.Warehouse.Tests.Realisation;

/// <summary>
/// Every write of the stores, called directly (as a crafted request or a forged circuit event would reach it) by a
/// viewer who may not make it: refused, and not one row of the facts, the inbox or the settings changes.
/// </summary>
public sealed class ScopeEnforcementTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Snapshot = """
        select (select count(*) || ':' || coalesce(sum(value), 0) from fact_indicator_realisation)
            || '|' || (select count(*) || ':' || coalesce(sum(amount), 0) from fact_budget_realisation)
            || '|' || (select count(*) || ':' || coalesce(sum(total), 0) from fact_sakip_evaluation)
            || '|' || (select count(*) || ':' || coalesce(sum(ikm_value), 0) from fact_ikm_survey)
            || '|' || (select count(*) from ikm_response)
            || '|' || (select count(*) from etl_inbox)
            || '|' || (select count(*) from capaian_band)
            || '|' || (select string_agg(polarity || aggregation, ',' order by indicator_id) from dim_indicator)
        """;

    private async Task<string> SnapshotAsync()
    {
        await using var c = await database.DataSource.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<string>(Snapshot) ?? "";
    }

    public static TheoryData<string> Writers => new() { "operator of another agency", PkRoles.Pimpinan, PkRoles.Bappeda, "nobody" };

    private static ViewerScope Viewer(string who, SeededAgency seed) => who switch
    {
        "operator of another agency" => ViewerScope.ForRole(PkRoles.Operator, seed.OtherAgencyId, "op-lain@uji"),
        "nobody" => ViewerScope.Nobody,
        _ => ViewerScope.ForRole(who, null, who + "@uji"),
    };

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task RealisationWrites_ByWhoMayNotEnterThem_AreRefusedAndWriteNothing(string who)
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "scope-" + who.Replace(' ', '-'));
        var viewer = Viewer(who, seed);
        var before = await SnapshotAsync();

        var results = new List<ImportResult>
        {
            await new IndicatorRealisationStore(database.DataSource).SaveAsync(viewer, seed.AgencyId,
                [new IndicatorRealisationInput(seed.PercentIndicatorId, 2024, 1, 10m, null)]),
            await new IndicatorRealisationStore(database.DataSource).ImportAsync(viewer, seed.AgencyId,
                RealisationSeed.Csv($"indikator_id;tahun;triwulan;realisasi\n{seed.PercentIndicatorId};2024;1;10\n"), "r.csv"),
            await new BudgetRealisationStore(database.DataSource).ImportAsync(viewer, seed.AgencyId,
                RealisationSeed.Csv("program;kegiatan;sub_kegiatan;tahun;bulan;realisasi\n;;Penyediaan Gaji dan Tunjangan ASN scope;2024;1;1000\n"), "a.csv"),
            await new SakipStore(database.DataSource).SaveAsync(viewer, seed.AgencyId, 2024, new SakipScore(20m, 20m, 10m, 15m)),
            await new IkmStore(database.DataSource).SaveAggregateAsync(viewer, new IkmPeriod(seed.AgencyId, "", 2024, null), null, 80m, 10),
            await new IkmStore(database.DataSource).ImportResponsesAsync(viewer, new IkmPeriod(seed.AgencyId, "", 2024, 1),
                RealisationSeed.Csv("responden;U1;U2;U3;U4;U5;U6;U7;U8;U9\n1;4;3;3;4;3;4;4;3;3\n"), "r.csv"),
        };

        Assert.All(results, r => Assert.False(r.Accepted));
        Assert.Equal(0, await new SakipStore(database.DataSource).DeleteAsync(viewer, seed.AgencyId, 2024));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task Deletes_ByWhoMayNotEnterRealisation_RemoveNothing(string who)
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "del-" + who.Replace(' ', '-'));
        Assert.True((await new SakipStore(database.DataSource).SaveAsync(ViewerScope.System, seed.AgencyId, 2024, new SakipScore(20m, 20m, 10m, 15m))).Accepted);
        Assert.True((await new IkmStore(database.DataSource).SaveAggregateAsync(ViewerScope.System, new IkmPeriod(seed.AgencyId, "", 2024, null), null, 80m, 10)).Accepted);
        var survey = (await new IkmStore(database.DataSource).ListAsync(ViewerScope.System, seed.AgencyId)).Single();
        var before = await SnapshotAsync();

        Assert.Equal(0, await new SakipStore(database.DataSource).DeleteAsync(Viewer(who, seed), seed.AgencyId, 2024));
        Assert.Equal(0, await new IkmStore(database.DataSource).DeleteAsync(Viewer(who, seed), survey.IkmSurveyId));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData(PkRoles.Pimpinan)]
    [InlineData(PkRoles.Operator)]
    [InlineData("nobody")]
    public async Task SettingsAndUploads_ByWhoMayNotMakeThem_AreRefusedAndWriteNothing(string who)
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "settings-" + who);
        var viewer = who == "nobody" ? ViewerScope.Nobody : ViewerScope.ForRole(who, seed.AgencyId, who + "@uji");
        var before = await SnapshotAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => new IndicatorSettingsStore(database.DataSource)
            .UpdateIndicatorAsync(viewer, seed.PercentIndicatorId, Polarity.LowerIsBetter, Aggregation.Kumulatif));
        Assert.NotNull(await new IndicatorSettingsStore(database.DataSource)
            .SaveBandSetAsync(viewer, new DateOnly(2030, 1, 1), [new CapaianBand("Baik", 80m), new CapaianBand("Kurang", null)]));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => new InboxQueue(database.DataSource).EnqueueAsync(viewer, "x.txt", [1, 2, 3]));

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task OperatorOfTheAgency_MayEnterItsRealisation_RecordedAsTheAccount()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "own");
        var viewer = ViewerScope.ForRole(PkRoles.Operator, seed.AgencyId, "operator@dinas-uji");

        var saved = await new IndicatorRealisationStore(database.DataSource).SaveAsync(viewer, seed.AgencyId,
            [new IndicatorRealisationInput(seed.PercentIndicatorId, 2024, 1, 10m, null)]);

        Assert.True(saved.Accepted);
        await using var c = await database.DataSource.OpenConnectionAsync();
        Assert.Equal("operator@dinas-uji", await c.ExecuteScalarAsync<string>(
            "select entered_by from fact_indicator_realisation where indicator_id = @id", new { id = seed.PercentIndicatorId }));
        var audit = await c.QuerySingleAsync<(string Actor, string Kind, int AgencyId, string NewValue)>(
            "select actor, kind, agency_id, new_value from audit_log where subject like @subject",
            new { subject = $"Realisasi indikator {seed.PercentIndicatorId},%" });
        Assert.Equal(("operator@dinas-uji", "realisation", seed.AgencyId, "10"), audit);
    }

    [Fact]
    public async Task Reads_ScopedToOneAgency_NeverReturnAnotherAgencysRows()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "reads");
        await new SakipStore(database.DataSource).SaveAsync(ViewerScope.System, seed.OtherAgencyId, 2024, new SakipScore(20m, 20m, 10m, 15m));
        var operatorA = ViewerScope.ForRole(PkRoles.Operator, seed.AgencyId, "a@uji");

        Assert.Empty(await new IndicatorRealisationStore(database.DataSource).ListAsync(operatorA, seed.OtherAgencyId, 2024));
        Assert.Empty(await new BudgetRealisationStore(database.DataSource).SummaryAsync(operatorA, seed.OtherAgencyId, 2024));
        Assert.DoesNotContain(await new SakipStore(database.DataSource).HistoryAsync(operatorA), s => s.AgencyId == seed.OtherAgencyId);
        Assert.All(await new AgencyDirectory(database.DataSource).ListAsync(operatorA), a => Assert.Equal(seed.AgencyId, a.AgencyId));
        Assert.Null(await new AgencyDetailReadModel(database.DataSource).ReadAsync(operatorA, seed.OtherAgencyId, 2024));
        Assert.Empty(ViewerScope.Nobody is var nobody ? await new AgencyDirectory(database.DataSource).ListAsync(nobody) : []);
    }
}
