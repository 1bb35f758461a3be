using PkAnalytics.Warehouse.ReadModels;
using Dapper;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Inbox;
using PkAnalytics.Warehouse.Loading;
using PkAnalytics.Warehouse.Stats;

namespace PkAnalytics.Warehouse.Tests;

public sealed class WarehouseStatsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Stats_CountPerAgencyAndInTotal_WithCurrentAndAllVersionsAndRealisation()
    {
        var loader = new DocumentLoader(database.DataSource);
        foreach (var document in new[] { KecamatanMangkutana.Amendments(), KecamatanMangkutana.DerivedOriginal() })
        {
            await loader.LoadAsync(document, new DocumentInfo(document.Source, 1, 1));
        }

        var other = KecamatanMangkutana.Amendments(KecamatanMangkutana.Sha("other agency")) with { Agency = "Kecamatan Malili" };
        await loader.LoadAsync(other, new DocumentInfo("malili.txt", 1, 1));
        await loader.QuarantineAsync("bad.txt", null, "test");
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                insert into fact_indicator_realisation (indicator_id, year, quarter, value)
                select indicator_id, 2024, 1, 50 from dim_indicator d join dim_agency a using (agency_id)
                where a.name = 'Kecamatan Mangkutana' limit 2;
                insert into fact_sakip_evaluation (agency_id, year, perencanaan, pengukuran, pelaporan, evaluasi)
                select agency_id, 2024, 25.5, 24, 11.85, 19.75 from dim_agency where name = 'Kecamatan Mangkutana';
                """);
        }

        var snapshot = await new WarehouseStats(database.DataSource).GetAsync();

        var mangkutana = snapshot.Agencies.Single(a => a.Agency == "Kecamatan Mangkutana");
        Assert.Equal(2, mangkutana.Documents);
        Assert.Equal(3, mangkutana.AgreementsCurrent);
        Assert.Equal(4, mangkutana.AgreementsAll);
        Assert.Equal(12 + 7, mangkutana.IndicatorTargets);
        Assert.Equal(18 + 5, mangkutana.BudgetLines);
        // The current version of the head's agreement: the Camat's six programs of the amendment (not the original's five).
        Assert.Equal(KecamatanMangkutana.CamatBudget, mangkutana.BudgetTotalCurrent);
        Assert.Equal(2, mangkutana.Findings);
        Assert.Equal(3, mangkutana.RealisationRows);
        Assert.Equal(2, mangkutana.IndicatorRealisations);

        var malili = snapshot.Agencies.Single(a => a.Agency == "Kecamatan Malili");
        Assert.Equal((1L, 3L, 3L, 0L), (malili.Documents, malili.AgreementsCurrent, malili.AgreementsAll, malili.RealisationRows));
        Assert.Equal(mangkutana.Documents + malili.Documents, snapshot.Total.Documents);
        Assert.Equal(mangkutana.BudgetTotalCurrent + malili.BudgetTotalCurrent, snapshot.Total.BudgetTotalCurrent);
        Assert.Equal(1, snapshot.Quarantined);
    }
}

public sealed class InboxQueueTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Claim_TwoClaimersRacing_NeverGetTheSameItem()
    {
        var queue = new InboxQueue(database.DataSource);
        var ids = new List<long>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add(await queue.EnqueueAsync(ViewerScope.System with { Actor = "test" }, $"doc{i}.txt", [(byte)i, 1, 2, 3]));
        }

        async Task<List<long>> Claimer(string name)
        {
            var claimed = new List<long>();
            while (await queue.ClaimAsync(name) is { } item)
            {
                claimed.Add(item.InboxId);
                await Task.Yield();
            }

            return claimed;
        }

        var results = await Task.WhenAll(Claimer("a"), Claimer("b"), Claimer("c"));

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(ids.Order(), all.Order());
        Assert.Equal(all.Count, all.Distinct().Count());
        var owners = await Db.QueryAsync<(long Id, string By, string Status)>(database.DataSource,
            "select inbox_id, claimed_by, status from etl_inbox order by inbox_id");
        Assert.All(owners, o => Assert.Equal("processing", o.Status));
        Assert.Equal(results[0].Order(), owners.Where(o => o.By == "a").Select(o => o.Id));
    }

    [Fact]
    public async Task Claim_StaleProcessingItem_IsClaimedAgainButAFreshOneIsNot()
    {
        var queue = new InboxQueue(database.DataSource);
        while (await queue.ClaimAsync("drain") is not null)
        {
        }

        var id = await queue.EnqueueAsync(ViewerScope.System with { Actor = "test" }, "stale.txt", [9, 9]);
        Assert.Equal(id, (await queue.ClaimAsync("crashed-worker"))!.InboxId);
        Assert.Null(await queue.ClaimAsync("other", TimeSpan.FromMinutes(5)));

        await Db.ScalarAsync<int>(database.DataSource, "update etl_inbox set claimed_at = now() - interval '1 hour' where inbox_id = @id returning 1", new { id });
        Assert.Equal(id, (await queue.ClaimAsync("other", TimeSpan.FromMinutes(5)))!.InboxId);
        Assert.Equal("other", (await queue.GetAsync(id))!.ClaimedBy);
    }

    [Fact]
    public async Task Enqueue_NotifiesListeners()
    {
        var queue = new InboxQueue(database.DataSource);
        await using var listener = await queue.ListenAsync();
        var quiet = await listener.WaitAsync(TimeSpan.FromMilliseconds(200));
        await queue.EnqueueAsync(ViewerScope.System with { Actor = "test" }, "notify.txt", [1]);

        Assert.False(quiet);
        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}

public sealed class SchemaShapeTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Schema_HasTheDimensionsFactsRealisationTablesAndLoadViews()
    {
        string[] relations =
        [
            "dim_agency", "dim_position", "dim_official", "dim_indicator", "dim_program", "dim_period", "dim_document",
            "agreement", "fact_indicator_target", "fact_budget_allocation", "explanation_target", "finding",
            "fact_indicator_realisation", "fact_budget_realisation", "fact_sakip_evaluation", "fact_ikm_survey",
            "etl_inbox", "etl_quarantine", "indicator_classification_override",
            "agreement_current", "agreement_version", "indicator_target_current", "budget_allocation_current",
            "position_tree", "finding_detail",
        ];
        var missing = new List<string>();
        foreach (var relation in relations)
        {
            if (!await Db.ScalarAsync<bool>(database.DataSource, "select to_regclass(@relation) is not null", new { relation }))
            {
                missing.Add(relation);
            }
        }

        Assert.Empty(missing);
    }
}
