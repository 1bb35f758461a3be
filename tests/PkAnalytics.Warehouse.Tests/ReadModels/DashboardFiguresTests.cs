using Dapper;
using PkAnalytics.Documents;
using PkAnalytics.Domain.Rules;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Loading;
using PkAnalytics.Warehouse.ReadModels;
using PkAnalytics.Warehouse.Realisation;

namespace PkAnalytics.Warehouse.Tests.ReadModels;

/// <summary>
/// The five seed documents loaded as `pk etl load` does, Kecamatan Mangkutana's first (so the regency's Bupati
/// position gets its title from the acting Bupati's amendment), then `pk etl demo-data`.
/// </summary>
public sealed class SeedFiguresDatabase : TestDatabase, IAsyncLifetime
{
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var loader = new DocumentLoader(DataSource);
        foreach (var path in Repo.SeedFiles.OrderBy(p => p.Contains("002_", StringComparison.Ordinal) ? 0 : 1).ThenBy(p => p, StringComparer.Ordinal))
        {
            var content = await File.ReadAllBytesAsync(path);
            await loader.LoadAsync(DocumentParser.Parse(path, content), DocumentInfo.FromContent(path, content));
        }

        await new DemoDataWriter(DataSource).WriteAsync();
        await new DashboardReadModelRefresher(DataSource).RefreshAsync(force: true);
    }

    public async Task<int> AgencyIdAsync(string name)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<int>("select agency_id from dim_agency where name = @name", new { name });
    }
}

/// <summary>Issue 12, figures: every figure the dashboard shows for the seed documents is true.</summary>
public sealed class DashboardFiguresTests(SeedFiguresDatabase database) : IClassFixture<SeedFiguresDatabase>
{
    private const string Dpmd = "Dinas Pemberdayaan Masyarakat dan Desa";
    private const string Dukcapil = "Dinas Kependudukan dan Pencatatan Sipil";
    private const string Dpmptsp = "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu";

    [Fact]
    public async Task SampleBudgetRealisation_IsCountedOncePerBudgetLine_NeverAboveTheBudget()
    {
        // Dinas PMD's Kasubag agreements restate the Sekretaris' sub kegiatan without their program; counted per
        // node, the demo realisation of those lines came twice (Rp 9.075.xxx.xxx against Rp 6.461.302.211, 140 %).
        var snapshot = await new PerformanceReadModel(database.DataSource).ReadAsync(ViewerScope.AllAgencies, 2024);
        var dpmd = snapshot.Agencies.Single(a => a.Name == Dpmd);
        Assert.Equal(6_461_302_211m, dpmd.Budget);
        Assert.InRange(dpmd.BudgetRealised, 0.75m * dpmd.Budget, dpmd.Budget);
        Assert.All(snapshot.Agencies.Where(a => a.Budget > 0), a => Assert.InRange(a.BudgetRealised, 0.5m * a.Budget, a.Budget));

        var model = RegencyPerformance.From(snapshot, CapaianBandSet.Default);
        Assert.Equal(snapshot.Agencies.Sum(a => a.BudgetRealised), model.TotalBudgetRealised);
        Assert.True(model.TotalBudgetRealised < model.TotalBudget);
    }

    [Fact]
    public async Task RealisationEnteredOnBothNodesOfOneLine_CountsOnce_OnTheOverviewAndTheAgencyPage()
    {
        var agency = await database.AgencyIdAsync(Dpmd);
        await using var connection = await database.DataSource.OpenConnectionAsync();
        // The same sub kegiatan: under its kegiatan (Sekretaris' agreement) and without parent (the Kasubag's).
        var nodes = (await connection.QueryAsync<(int Id, int? Parent)>("""
            select program_id, parent_program_id from dim_program
            where level = 'sub_kegiatan' and normalized_name = (
                select normalized_name from dim_program where name = 'Penyusunan Dokumen Perencanaan Perangkat Daerah' limit 1)
            order by parent_program_id nulls last
            """)).ToList();
        Assert.Equal(2, nodes.Count);
        Assert.NotNull(nodes[0].Parent);
        Assert.Null(nodes[1].Parent);

        var before = await RealisedAsync(agency);
        // The demo wrote the line once, on the node with a parent: its December amount is about to be replaced.
        var sampleDecember = await connection.ExecuteScalarAsync<decimal>(
            "select amount from fact_budget_realisation where agency_id = @agency and year = 2024 and month = 12 and program_id = @a and is_sample",
            new { agency, a = nodes[0].Id });
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "select count(*) from fact_budget_realisation where agency_id = @agency and program_id = @b", new { agency, b = nodes[1].Id }));

        // An operator's December entry reached both nodes (an import per agreement, say): one line, one realisation.
        await connection.ExecuteAsync("""
            insert into fact_budget_realisation (agency_id, program_id, year, month, amount, is_sample, entered_by)
            values (@agency, @a, 2024, 12, 5000000, false, 'uji'), (@agency, @b, 2024, 12, 5000000, false, 'uji')
            on conflict (agency_id, program_id, year, month) do update set amount = excluded.amount, is_sample = false
            """, new { agency, a = nodes[0].Id, b = nodes[1].Id });
        await new DashboardReadModelRefresher(database.DataSource).RefreshAsync();

        Assert.Equal(before - sampleDecember + 5_000_000m, await RealisedAsync(agency));
        var snapshot = await new PerformanceReadModel(database.DataSource).ReadAsync(ViewerScope.AllAgencies, 2024);
        Assert.Equal(before - sampleDecember + 5_000_000m, snapshot.Agencies.Single(a => a.AgencyId == agency).BudgetRealised);

        var detail = await new AgencyDetailReadModel(database.DataSource).ReadAsync(ViewerScope.AllAgencies, agency, 2024);
        var lines = detail!.Budget.Where(b => b.ProgramId == nodes[0].Id || b.ProgramId == nodes[1].Id).ToList();
        Assert.Equal(2, lines.Count); // the Sekretaris' line and the Kasubag's
        Assert.Single(lines.Select(l => l.Realised).Distinct());
    }

    private async Task<decimal> RealisedAsync(int agency)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<decimal>(
            "select coalesce(sum(amount), 0) from agency_program_realisation where agency_id = @agency and year = 2024", new { agency });
    }

    [Fact]
    public void RealisationAboveTheBudget_PutsTheAgencyUnderAttention_WithTheReason()
    {
        var row = new AgencyYearRow { AgencyId = 7, Name = "Dinas Uji", Agreements = 1, Budget = 1_000_000m, BudgetRealised = 1_400_000m };
        var fine = new AgencyYearRow { AgencyId = 8, Name = "Dinas Baik", Agreements = 1, Budget = 1_000_000m, BudgetRealised = 900_000m };
        var snapshot = new PerformanceSnapshot(2024, [row, fine], [], [], new DataFreshness());

        var model = RegencyPerformance.From(snapshot, CapaianBandSet.Default);

        var flagged = Assert.Single(model.NeedingAttention);
        Assert.Equal("Dinas Uji", flagged.Name);
        Assert.Contains("Realisasi anggaran 140,00% dari pagu (Rp 1.400.000 dari Rp 1.000.000)", flagged.AttentionReasons);
    }

    [Fact]
    public async Task Parties_AreShownAsEachAgreementWritesThem_TheCascadeRootIsTheBupatisPosition()
    {
        // Mangkutana's amendment (signed by the acting Bupati) was loaded first, so the conformed position carries
        // "Pjs. BUPATI LUWU TIMUR"; Dukcapil's agreement itself says "BUPATI LUWU TIMUR".
        var dukcapil = await new AgencyDetailReadModel(database.DataSource)
            .ReadAsync(ViewerScope.AllAgencies, await database.AgencyIdAsync(Dukcapil), 2024);
        var head = Assert.Single(dukcapil!.Agreements);
        Assert.Equal("Pjs. BUPATI LUWU TIMUR", head.SuperiorPositionTitle);
        Assert.Equal("BUPATI LUWU TIMUR", head.SuperiorPosition);
        Assert.Equal("Drs. H. BUDIMAN, M.Pd", head.SuperiorOfficial);
        Assert.Equal("BUPATI LUWU TIMUR", AgreementCascade.PositionLabel(head.SuperiorPositionTitle));

        var mangkutana = await new AgencyDetailReadModel(database.DataSource)
            .ReadAsync(ViewerScope.AllAgencies, await database.AgencyIdAsync("Kecamatan Mangkutana"), 2024);
        var root = Assert.Single(AgreementCascade.Build(mangkutana!.Agreements));
        Assert.Equal("Pjs. BUPATI LUWU TIMUR", root.Agreement.SuperiorPosition);
        Assert.Equal("Dr. JAYADI NAS, S.Sos., M.Si", root.Agreement.SuperiorOfficial);
        Assert.Equal(head.SuperiorPositionId, root.Agreement.SuperiorPositionId); // one position, two officials
    }

    [Fact]
    public async Task AgreementDate_WithoutADay_IsShownAsMonthAndYear()
    {
        var dukcapil = await new AgencyDetailReadModel(database.DataSource)
            .ReadAsync(ViewerScope.AllAgencies, await database.AgencyIdAsync(Dukcapil), 2024);
        var head = Assert.Single(dukcapil!.Agreements);
        Assert.Equal("2024-03", head.SignedOnText);
        Assert.Equal("Maret 2024", IndonesianFormat.AgreementDate(head.EffectiveFrom, head.SignedOnText));
        Assert.Equal("4 Januari 2024", IndonesianFormat.AgreementDate(new DateOnly(2024, 1, 4), "2024-01-04"));
        Assert.Equal("2024", IndonesianFormat.AgreementDate(null, "2024"));
        Assert.Equal("-", IndonesianFormat.AgreementDate(null, null));
    }

    [Fact]
    public async Task SampleData_OnlyForAgencyYearsWithAgreements()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var withoutAgreement = await connection.QueryAsync<(string Table, int Agency, int Year)>("""
            with ay as (select distinct agency_id, year from agreement where year is not null)
            select 'sakip', agency_id, year from fact_sakip_evaluation where is_sample and (agency_id, year) not in (select * from ay)
            union all
            select 'ikm', agency_id, year from fact_ikm_survey where is_sample and (agency_id, year) not in (select * from ay)
            union all
            select 'anggaran', agency_id, year from fact_budget_realisation where is_sample and (agency_id, year) not in (select * from ay)
            union all
            select 'indikator', i.agency_id, r.year from fact_indicator_realisation r join dim_indicator i using (indicator_id)
            where r.is_sample and (i.agency_id, r.year) not in (select * from ay)
            """);
        Assert.Empty(withoutAgreement);

        var dpmptsp = await database.AgencyIdAsync(Dpmptsp);
        Assert.Equal([2025], await connection.QueryAsync<int>(
            "select year from fact_sakip_evaluation where agency_id = @dpmptsp order by year", new { dpmptsp }));
    }

    [Fact]
    public async Task DemoData_RemovesSampleRowsOfYearsWithoutAgreements_AnEarlierVersionWrote()
    {
        var dpmptsp = await database.AgencyIdAsync(Dpmptsp);
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            insert into fact_sakip_evaluation (agency_id, year, perencanaan, pengukuran, pelaporan, evaluasi, is_sample, entered_by)
            values (@dpmptsp, 2024, 20, 20, 10, 15, true, 'demo-data'), (@dpmptsp, 2023, 21, 21, 11, 16, false, 'inspektorat')
            """, new { dpmptsp });

        await new DemoDataWriter(database.DataSource).WriteAsync();

        // The sample 2024 row is gone; what the Inspektorat entered for 2023 stays.
        Assert.Equal([2023, 2025], await connection.QueryAsync<int>(
            "select year from fact_sakip_evaluation where agency_id = @dpmptsp order by year", new { dpmptsp }));
        await connection.ExecuteAsync("delete from fact_sakip_evaluation where agency_id = @dpmptsp and year = 2023", new { dpmptsp });
    }

    [Fact]
    public async Task DefaultYear_IsTheLatestYearWithAgreements_AndTheYearsAreThoseWithData()
    {
        var years = await new PerformanceReadModel(database.DataSource).YearsAsync(ViewerScope.AllAgencies);

        Assert.Equal([2025, 2024], years.Select(y => y.Year));
        Assert.Equal(2025, YearWithData.Default(years, 2030));
        var dukcapil = await new PerformanceReadModel(database.DataSource).YearsAsync(ViewerScope.Agency(await database.AgencyIdAsync(Dukcapil)));
        Assert.Equal(2024, YearWithData.Default(dukcapil, 2030));
        Assert.Equal(2030, YearWithData.Default([], 2030));
    }
}
