using PkAnalytics.Dashboard.Components.Pages.Realisasi;
using PkAnalytics.Dashboard.Components.Shared;
using PkAnalytics.Dashboard.Tests.Components;
using PkAnalytics.Domain.Rules;
using PkAnalytics.Warehouse.Realisation;

namespace PkAnalytics.Dashboard.Tests.Realisasi;

public sealed class SampleDataBadgeTests
{
    [Fact]
    public async Task Badge_Visible_ShowsDataContoh()
    {
        var html = await ComponentRenderer.RenderAsync<SampleDataBadge>(new() { [nameof(SampleDataBadge.Visible)] = true });
        Assert.Contains(">Data contoh</span>", html);
        Assert.Contains("pk-sample-badge", html);
    }

    [Fact]
    public async Task Badge_NotVisible_RendersNothing()
    {
        var html = await ComponentRenderer.RenderAsync<SampleDataBadge>(new() { [nameof(SampleDataBadge.Visible)] = false });
        Assert.Equal("", html.Trim());
    }
}

public sealed class CapaianCellTests
{
    [Fact]
    public async Task Capaian_ShowsIdIdPercentAndBand()
    {
        var html = await ComponentRenderer.RenderAsync<CapaianCell>(new() { [nameof(CapaianCell.Capaian)] = 87.5m });
        Assert.Contains("87,50%", html);
        Assert.Contains("Tinggi", html);
        Assert.DoesNotContain("Sangat Tinggi", html);
    }

    [Fact]
    public async Task Capaian_AtBandEdge91_IsSangatTinggi()
    {
        var html = await ComponentRenderer.RenderAsync<CapaianCell>(new() { [nameof(CapaianCell.Capaian)] = 91m });
        Assert.Contains("data-band=\"Sangat Tinggi\"", html);
    }

    [Fact]
    public async Task NoCapaian_ShowsDashNotZero()
    {
        var html = await ComponentRenderer.RenderAsync<CapaianCell>(new() { [nameof(CapaianCell.Capaian)] = null });
        Assert.Contains("pk-capaian-none", html);
        Assert.DoesNotContain("0,00%", html);
        Assert.DoesNotContain("data-band", html);
    }

    [Fact]
    public async Task CustomBands_AreUsed()
    {
        var bands = new CapaianBandSet(new DateOnly(2025, 1, 1), [new CapaianBand("Baik", 100m), new CapaianBand("Kurang", null)]);
        var html = await ComponentRenderer.RenderAsync<CapaianCell>(new() { [nameof(CapaianCell.Capaian)] = 95m, [nameof(CapaianCell.Bands)] = bands });
        Assert.Contains("data-band=\"Kurang\"", html);
    }
}

public sealed class ImportResultViewTests
{
    [Fact]
    public async Task Refused_ListsRowAndColumn_AndSaysNothingStored()
    {
        var result = ImportResult.Refused([new ImportError(3, "kolom G (realisasi)", "'abc' bukan angka.")]);
        var html = await ComponentRenderer.RenderAsync<ImportResultView>(new() { [nameof(ImportResultView.Result)] = result, [nameof(ImportResultView.FileName)] = "tw1.xlsx" });
        Assert.Contains("Berkas tw1.xlsx ditolak seluruhnya", html);
        Assert.Contains("tidak ada data yang disimpan", html);
        Assert.Contains("Baris 3, kolom G (realisasi): &#x27;abc&#x27; bukan angka.", html);
    }

    [Fact]
    public async Task Accepted_WithoutChanges_SaysNothingChanged()
    {
        var html = await ComponentRenderer.RenderAsync<ImportResultView>(new() { [nameof(ImportResultView.Result)] = new ImportResult(12, 0, [], []) });
        Assert.Contains("tidak ada perubahan", html);
    }

    [Fact]
    public async Task Form_SavedMessage_ReplacesRowCounts()
    {
        var saved = await ComponentRenderer.RenderAsync<ImportResultView>(new() { [nameof(ImportResultView.Result)] = new ImportResult(1, 1, [], []), [nameof(ImportResultView.SavedMessage)] = "Nilai SAKIP disimpan." });
        var same = await ComponentRenderer.RenderAsync<ImportResultView>(new() { [nameof(ImportResultView.Result)] = new ImportResult(1, 0, [], []), [nameof(ImportResultView.SavedMessage)] = "Nilai SAKIP disimpan." });
        Assert.Contains("Nilai SAKIP disimpan.", saved);
        Assert.DoesNotContain("baris", saved);
        Assert.Contains("Tidak ada perubahan", same);
    }

    [Fact]
    public async Task Accepted_WithUnmatched_ListsThem()
    {
        var result = new ImportResult(5, 5, [], [new UnmatchedLine(7, "Program X", "", "Sub Y", "Sub kegiatan 'Sub Y' tidak ditemukan")]);
        var html = await ComponentRenderer.RenderAsync<ImportResultView>(new() { [nameof(ImportResultView.Result)] = result });
        Assert.Contains("5 baris disimpan atau diperbarui", html);
        Assert.Contains("1 baris tidak cocok", html);
        Assert.Contains("<td>7</td>", html);
        Assert.Contains("Sub Y", html);
    }

    [Fact]
    public async Task ManyErrors_AreCappedWithCount()
    {
        var errors = Enumerable.Range(2, 25).Select(r => new ImportError(r, "kolom A", "x")).ToList();
        var html = await ComponentRenderer.RenderAsync<ImportResultView>(new() { [nameof(ImportResultView.Result)] = ImportResult.Refused(errors) });
        Assert.Equal(ImportResultView.MaxErrors, html.Split("<li>").Length - 1);
        Assert.Contains("5 kesalahan lain", html);
    }
}

public sealed class IkmAndSakipViewTests
{
    [Fact]
    public async Task WeakestElements_ListsLowestNrrNamesInBahasa()
    {
        var survey = new IkmSurvey { Nrr = [3.5m, 3.5m, 2.5m, 4m, 3m, 3.5m, 3.5m, 2m, 3m], IkmValue = 79.17m, Respondents = 4 };
        var html = await ComponentRenderer.RenderAsync<IkmWeakestElements>(new() { [nameof(IkmWeakestElements.Survey)] = survey });
        var first = html.IndexOf("Penanganan Pengaduan", StringComparison.Ordinal);
        var second = html.IndexOf("Waktu Penyelesaian", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, html);
        Assert.Contains("2,00", html);
        Assert.Contains("2,50", html);
    }

    [Fact]
    public async Task WeakestElements_AggregateOnly_SaysSo()
    {
        var html = await ComponentRenderer.RenderAsync<IkmWeakestElements>(new() { [nameof(IkmWeakestElements.Survey)] = new IkmSurvey { IkmValue = 80m } });
        Assert.Contains("Hanya nilai agregat", html);
    }

    [Fact]
    public async Task SakipScore_Dukcapil_ShowsTotalPredicateAndTargetGap()
    {
        var html = await ComponentRenderer.RenderAsync<SakipScoreView>(new()
        {
            [nameof(SakipScoreView.Score)] = new SakipScore(25.50m, 24.00m, 11.85m, 19.75m),
            [nameof(SakipScoreView.Target)] = 71.25m,
        });
        Assert.Contains("81,10", html);
        Assert.Contains("A (Memuaskan)", html);
        Assert.Contains("mencapai", html);
        Assert.Matches(@"\((\+|&#x2B;)9,85\)", html);
    }

    [Fact]
    public async Task SakipScore_Exactly90_IsA()
    {
        var html = await ComponentRenderer.RenderAsync<SakipScoreView>(new() { [nameof(SakipScoreView.Score)] = new SakipScore(30m, 25m, 15m, 20m) });
        Assert.Contains("90,00", html);
        Assert.Contains(">A (Memuaskan)", html);
    }
}

public sealed class RealisasiFormatTests
{
    [Theory]
    [InlineData("1234", "1234")]
    [InlineData("20.08", "20,08")]
    [InlineData("1234567.5", "1234567,5")]
    public void Plain_RoundTripsThroughTheInputParser(string value, string shown)
    {
        var number = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(shown, RealisasiFormat.Plain(number));
        Assert.True(NumberCell.TryParse(new Cell(RealisasiFormat.Plain(number), false), out var back, out _));
        Assert.Equal(number, back);
    }

    [Fact]
    public void Rupiah_HasSpaceAndDots() => Assert.Equal("Rp 2.500.000.000", RealisasiFormat.Rupiah(2_500_000_000m));
}
