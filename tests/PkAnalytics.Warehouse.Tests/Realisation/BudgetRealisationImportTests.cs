using Dapper;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.ReadModels;
using PkAnalytics.Warehouse.Realisation;

namespace PkAnalytics.Warehouse.Tests.Realisation;

public sealed class BudgetRealisationImportTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly BudgetRealisationStore store = new(database.DataSource);

    [Fact]
    public async Task Import_MatchesByNormalisedNameWithinAgency_AndReportsUnmatched()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "m");
        // Row 2: sub kegiatan in other case/spacing/punctuation with its code -> matches.
        // Row 3: kegiatan only -> matches the kegiatan node. Row 4: a name of another agency -> unmatched.
        // Row 5: unknown name -> unmatched.
        var csv = """
            program;kegiatan;sub_kegiatan;tahun;bulan;realisasi
            Program Penunjang Urusan Pemerintahan Daerah Kabupaten / Kota m;ADMINISTRASI KEUANGAN PERANGKAT DAERAH m;5.01.01  penyediaan gaji dan tunjangan asn M;2024;1;Rp 205.000.000,00
            ;Administrasi Keuangan Perangkat Daerah m;;2024;Februari;1.500.000
            ;;Sub Kegiatan Badan Lain m;2024;1;100000
            ;;Sub Kegiatan Yang Tidak Ada;2024;1;5000
            """;
        var result = await store.ImportAsync(ViewerScope.AllAgencies with { Actor = "op" }, seed.AgencyId, RealisationSeed.Csv(csv), "a.csv");

        Assert.True(result.Accepted, string.Join("; ", result.Errors));
        Assert.Equal(2, result.Changed);
        Assert.Equal(new[] { 4, 5 }, result.Unmatched.Select(u => u.Row));
        Assert.Contains("tidak ditemukan", result.Unmatched[0].Reason);
        await using var c = await database.DataSource.OpenConnectionAsync();
        Assert.Equal(205_000_000m, await c.ExecuteScalarAsync<decimal>(
            "select amount from fact_budget_realisation where program_id = @p and month = 1", new { p = seed.SubKegiatanId }));
        Assert.Equal(1_500_000m, await c.ExecuteScalarAsync<decimal>(
            "select amount from fact_budget_realisation where program_id = @p and month = 2", new { p = seed.KegiatanId }));
        Assert.Equal(0, await c.ExecuteScalarAsync<long>(
            "select count(*) from fact_budget_realisation where program_id = @p", new { p = seed.OtherSubKegiatanId }));

        var again = await store.ImportAsync(ViewerScope.AllAgencies with { Actor = "op" }, seed.AgencyId, RealisationSeed.Csv(csv), "a.csv");
        Assert.Equal(0, again.Changed);
        Assert.Equal(2, again.Unmatched.Count);

        var summary = await store.SummaryAsync(ViewerScope.AllAgencies, seed.AgencyId, 2024);
        var sub = summary.Single(s => s.ProgramId == seed.SubKegiatanId);
        Assert.Equal(2_500_000_000m, sub.Allocation);
        Assert.Equal(8.2m, sub.AbsorptionPercent);
        // The kegiatan has its own line (1.500.000); the program has none and sums its children.
        Assert.Equal(1_500_000m, summary.Single(s => s.ProgramId == seed.KegiatanId).Realised);
        Assert.Equal(1_500_000m, summary.Single(s => s.ProgramId == seed.ProgramId).Realised);
    }

    [Fact]
    public async Task Import_MalformedAmount_RefusesWholeFileWithRowAndColumn()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "bad");
        var csv = """
            program;kegiatan;sub_kegiatan;tahun;bulan;realisasi
            ;;Penyediaan Gaji dan Tunjangan ASN bad;2024;1;1000
            ;;Penyediaan Gaji dan Tunjangan ASN bad;2024;13;1000
            """;
        var result = await store.ImportAsync(ViewerScope.AllAgencies with { Actor = "op" }, seed.AgencyId, RealisationSeed.Csv(csv), "a.csv");
        Assert.False(result.Accepted);
        Assert.StartsWith("Baris 3, kolom E (bulan)", Assert.Single(result.Errors).ToString());
        await using var c = await database.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("select count(*) from fact_budget_realisation where agency_id = @a", new { a = seed.AgencyId }));
    }

    [Fact]
    public async Task Import_LineAndItsAncestorSameMonth_IsRefusedAsDoubleCount()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "double");
        var csv = """
            program;kegiatan;sub_kegiatan;tahun;bulan;realisasi
            ;Administrasi Keuangan Perangkat Daerah double;;2024;3;1000
            ;Administrasi Keuangan Perangkat Daerah double;Penyediaan Gaji dan Tunjangan ASN double;2024;3;400
            ;Administrasi Keuangan Perangkat Daerah double;Penyediaan Gaji dan Tunjangan ASN double;2024;4;400
            """;
        var result = await store.ImportAsync(ViewerScope.AllAgencies with { Actor = "op" }, seed.AgencyId, RealisationSeed.Csv(csv), "a.csv");
        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Row);
        Assert.Contains("Baris 2", error.Message);
    }

    [Fact]
    public async Task Import_OtherAgencyOutsideViewerScope_IsRefused()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "scope");
        var csv = "program;kegiatan;sub_kegiatan;tahun;bulan;realisasi\n;;Penyediaan Gaji dan Tunjangan ASN scope;2024;1;1000\n";
        var result = await store.ImportAsync(ViewerScope.Agency(seed.OtherAgencyId) with { Actor = "op" }, seed.AgencyId, RealisationSeed.Csv(csv), "a.csv");
        Assert.Equal("Perangkat daerah di luar cakupan Anda.", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task Template_ListsAgencyBudgetLinesOnly()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "tpl");
        var data = TabularFile.Read(new MemoryStream(await store.TemplateAsync(ViewerScope.AllAgencies, seed.AgencyId, 2024, 3, xlsx: false)), "t.csv");
        Assert.Equal(4, data.Rows.Count);
        Assert.Contains(data.Rows, r => r[1].Text == "Administrasi Keuangan Perangkat Daerah tpl" && r[2].Text == "Penyediaan Gaji dan Tunjangan ASN tpl");
        Assert.DoesNotContain(data.Rows, r => r[2].Text.Contains("Badan Lain", StringComparison.Ordinal));
    }
}

public sealed class NumberCellTests
{
    [Theory]
    [InlineData("1.234.567,50", "1234567.50")]
    [InlineData("20,08", "20.08")]
    [InlineData("Rp 1.500.000", "1500000")]
    [InlineData("2,877,638,950", "2877638950")]
    [InlineData("0.73", "0.73")]
    [InlineData("1.000.000,-", "1000000")]
    [InlineData("12", "12")]
    public void TryParse_IndonesianText(string text, string expected)
    {
        Assert.True(NumberCell.TryParse(new Cell(text, false), out var value, out var error), error);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("1.234")]
    [InlineData("abc")]
    [InlineData("12,5x")]
    public void TryParse_AmbiguousOrMalformed_IsRefused(string text) =>
        Assert.False(NumberCell.TryParse(new Cell(text, false), out _, out _));

    [Fact]
    public void TryParse_SpreadsheetNumber_IsInvariant()
    {
        Assert.True(NumberCell.TryParse(new Cell("1234.5", true), out var value, out _));
        Assert.Equal(1234.5m, value);
    }
}

public sealed class BudgetRollUpTests
{
    [Fact]
    public void RollUp_LineWithoutOwnRealisation_SumsItsChildren_OwnValueWins()
    {
        BudgetLineSummary Line(int id, int? parent, string level, decimal allocation, decimal realised, bool sample = false) =>
            new() { ProgramId = id, ParentProgramId = parent, Level = level, Name = $"n{id}", Allocation = allocation, Realised = realised, HasSample = sample };
        var rows = new[]
        {
            Line(1, null, "program", 1000m, 0m),
            Line(2, 1, "kegiatan", 1000m, 0m),
            Line(3, 2, "sub_kegiatan", 600m, 300m, sample: true),
            Line(4, 2, "sub_kegiatan", 400m, 100m),
            Line(5, null, "program", 500m, 50m),
            Line(6, 5, "kegiatan", 500m, 400m),
        };
        var result = BudgetRealisationStore.RollUp(rows).ToDictionary(r => r.ProgramId);
        Assert.Equal(400m, result[1].Realised);
        Assert.Equal(40m, result[1].AbsorptionPercent);
        Assert.True(result[1].HasSample);
        Assert.Equal(400m, result[2].Realised);
        Assert.Equal(50m, result[5].Realised);
        Assert.False(result[4].HasSample);
    }
}
