using Dapper;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.ReadModels;
using PkAnalytics.Warehouse.Realisation;

namespace PkAnalytics.Warehouse.Tests.Realisation;

public sealed class IndicatorRealisationImportTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly IndicatorRealisationStore store = new(database.DataSource);

    private async Task<long> RowCountAsync(int agencyId)
    {
        await using var c = await database.DataSource.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long>(
            "select count(*) from fact_indicator_realisation r join dim_indicator i using (indicator_id) where i.agency_id = @agencyId", new { agencyId });
    }

    [Fact]
    public async Task List_ShowsCurrentIndicatorsWithTargets()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "list");
        var entries = await store.ListAsync(ViewerScope.AllAgencies, seed.AgencyId, 2024);
        Assert.Equal(3, entries.Count);
        var percent = entries.Single(e => e.IndicatorId == seed.PercentIndicatorId);
        Assert.Equal("20,08%", percent.TargetRaw);
        Assert.Equal(20.08m, percent.TargetValue);
        Assert.Equal("%", percent.Unit);
        Assert.Empty(await store.ListAsync(ViewerScope.Agency(seed.OtherAgencyId), seed.AgencyId, 2024));
    }

    [Fact]
    public async Task Import_BadRow_RefusesWholeFileNamingRowAndColumn()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "bad");
        var csv = $"""
            indikator_id;indikator;satuan;target;tahun;triwulan;realisasi;catatan
            {seed.DocumentsIndicatorId};Jumlah dokumen;Dokumen;12;2024;1;3;
            {seed.PercentIndicatorId};Persentase desa mandiri;%;20,08;2024;1;abc;
            {seed.SakipIndicatorId};Nilai SAKIP;Nilai;71,25;2024;1;70,5;
            """;
        var result = await store.ImportAsync(ViewerScope.AllAgencies with { Actor = "operator" }, seed.AgencyId, RealisationSeed.Csv(csv), "r.csv");

        Assert.False(result.Accepted);
        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Row);
        Assert.Contains("kolom G (realisasi)", error.Column);
        Assert.StartsWith("Baris 3, kolom G (realisasi)", error.ToString());
        Assert.Equal(0, await RowCountAsync(seed.AgencyId));
    }

    [Fact]
    public async Task Import_ValueInvalidForUnit_IsRefused()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "unit");
        var csv = $"""
            indikator_id;tahun;triwulan;realisasi
            {seed.DocumentsIndicatorId};2024;1;2,5
            {seed.PercentIndicatorId};2024;1;120
            """;
        var result = await store.ImportAsync(ViewerScope.AllAgencies with { Actor = "operator" }, seed.AgencyId, RealisationSeed.Csv(csv), "r.csv");
        Assert.Equal(new[] { 2, 3 }, result.Errors.Select(e => e.Row));
        Assert.Contains("bilangan bulat", result.Errors[0].Message);
        Assert.Contains("0 sampai 100", result.Errors[1].Message);
        Assert.Equal(0, await RowCountAsync(seed.AgencyId));
    }

    [Fact]
    public async Task Import_SameCsvTwice_SecondChangesNothing()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "again");
        var csv = $"""
            indikator_id;tahun;triwulan;realisasi;catatan
            {seed.DocumentsIndicatorId};2024;1;3;Tepat waktu
            {seed.DocumentsIndicatorId};2024;II;4;
            {seed.PercentIndicatorId};2024;2;18,5;Faktor penghambat: data desa terlambat
            """;
        var first = await store.ImportAsync(ViewerScope.AllAgencies with { Actor = "operator" }, seed.AgencyId, RealisationSeed.Csv(csv), "r.csv");
        await using var c = await database.DataSource.OpenConnectionAsync();
        var stamp = await c.ExecuteScalarAsync<DateTime>("select max(entered_at) from fact_indicator_realisation where indicator_id = @id", new { id = seed.DocumentsIndicatorId });
        var second = await store.ImportAsync(ViewerScope.AllAgencies with { Actor = "operator lain" }, seed.AgencyId, RealisationSeed.Csv(csv), "r.csv");

        Assert.True(first.Accepted);
        Assert.Equal(3, first.Changed);
        Assert.True(second.Accepted);
        Assert.Equal(0, second.Changed);
        Assert.Equal(stamp, await c.ExecuteScalarAsync<DateTime>("select max(entered_at) from fact_indicator_realisation where indicator_id = @id", new { id = seed.DocumentsIndicatorId }));
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("select count(*) from fact_indicator_realisation where entered_by = 'operator lain'"));

        var entry = (await store.ListAsync(ViewerScope.AllAgencies, seed.AgencyId, 2024)).Single(e => e.IndicatorId == seed.DocumentsIndicatorId);
        Assert.Equal(7m, entry.RealisationAsOf(2)); // kumulatif: 3 + 4
        Assert.Equal(7m / 12m * 100m, entry.CapaianAsOf(2));
    }

    [Fact]
    public async Task Template_Xlsx_PrefilledWithIndicators_RoundTripsThroughImport()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "tpl");
        var template = await store.TemplateAsync(ViewerScope.AllAgencies, seed.AgencyId, 2024, 3, xlsx: true);
        var data = TabularFile.Read(new MemoryStream(template), "t.xlsx");
        Assert.Equal(IndicatorRealisationStore.TemplateHeaders, data.Headers);
        Assert.Equal(3, data.Rows.Count);
        Assert.Contains(data.Rows, r => r[1].Text == "Persentase desa mandiri" && r[3].Text == "20,08%" && r[5].Text == "3");

        // The template unfilled imports nothing; filled via a new XLSX it imports, and again changes nothing.
        var empty = await store.ImportAsync(ViewerScope.AllAgencies with { Actor = "op" }, seed.AgencyId, new MemoryStream(template), "t.xlsx");
        Assert.False(empty.Accepted);

        var filled = TabularFile.WriteXlsx("Realisasi", data.Headers,
            data.Rows.Select(r => (IReadOnlyList<string>)r.Cells.Select((c, i) => i == 6 ? (r[2].Text == "Dokumen" ? "4" : "15,5") : c.Text).ToList()));
        var first = await store.ImportAsync(ViewerScope.AllAgencies with { Actor = "op" }, seed.AgencyId, new MemoryStream(filled), "t.xlsx");
        var second = await store.ImportAsync(ViewerScope.AllAgencies with { Actor = "op" }, seed.AgencyId, new MemoryStream(filled), "t.xlsx");
        Assert.True(first.Accepted, string.Join("; ", first.Errors));
        Assert.Equal(3, first.Changed);
        Assert.Equal(0, second.Changed);
    }

    [Fact]
    public async Task Import_IndicatorOfAnotherAgency_IsRefused()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "scope");
        var csv = $"""
            indikator_id;tahun;triwulan;realisasi
            {seed.PercentIndicatorId};2024;1;10
            """;
        var result = await store.ImportAsync(ViewerScope.AllAgencies with { Actor = "op" }, seed.OtherAgencyId, RealisationSeed.Csv(csv), "r.csv");
        Assert.StartsWith("Baris 2, kolom A (indikator_id)", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public async Task Save_EmptyValue_ClearsQuarter()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "clear");
        await store.SaveAsync(ViewerScope.AllAgencies with { Actor = "op" }, seed.AgencyId, [new IndicatorRealisationInput(seed.PercentIndicatorId, 2024, 1, 10m, "catatan")]);
        var cleared = await store.SaveAsync(ViewerScope.AllAgencies with { Actor = "op" }, seed.AgencyId, [new IndicatorRealisationInput(seed.PercentIndicatorId, 2024, 1, null, null)]);
        Assert.Equal(1, cleared.Changed);
        Assert.Equal(0, await RowCountAsync(seed.AgencyId));
    }
}
