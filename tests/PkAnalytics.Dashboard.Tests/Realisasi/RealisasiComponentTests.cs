using Bunit;
using PkAnalytics.Dashboard.Components.Pages.Realisasi;
using PkAnalytics.Dashboard.Components.Shared;
using PkAnalytics.Dashboard.Tests.Components;
using PkAnalytics.Domain.Rules;
using PkAnalytics.Warehouse.Realisation;

namespace PkAnalytics.Dashboard.Tests.Realisasi;

public sealed class SampleDataBadgeTests : ComponentTest
{
    [Fact]
    public void Badge_Visible_ShowsDataContoh()
    {
        var html = Render<SampleDataBadge>(p => p.Add(c => c.Visible, true)).Markup;
        Assert.Contains(">Data contoh</span>", html);
        Assert.Contains("pk-sample-badge", html);
    }

    [Fact]
    public void Badge_NotVisible_RendersNothing()
    {
        var html = Render<SampleDataBadge>(p => p.Add(c => c.Visible, false)).Markup;
        Assert.Equal("", html.Trim());
    }
}

public sealed class CapaianCellTests : ComponentTest
{
    [Fact]
    public void Capaian_ShowsIdIdPercentAndBand()
    {
        var html = Render<CapaianCell>(p => p.Add(c => c.Capaian, 87.5m)).Markup;
        Assert.Contains("87,50%", html);
        Assert.Contains("Tinggi", html);
        Assert.DoesNotContain("Sangat Tinggi", html);
    }

    [Fact]
    public void Capaian_AtBandEdge91_IsSangatTinggi()
    {
        var html = Render<CapaianCell>(p => p.Add(c => c.Capaian, 91m)).Markup;
        Assert.Contains("data-band=\"Sangat Tinggi\"", html);
    }

    [Fact]
    public void NoCapaian_ShowsDashNotZero()
    {
        var html = Render<CapaianCell>(p => p.Add(c => c.Capaian, null)).Markup;
        Assert.Contains("pk-capaian-none", html);
        Assert.DoesNotContain("0,00%", html);
        Assert.DoesNotContain("data-band", html);
    }

    [Fact]
    public void CustomBands_AreUsed()
    {
        var bands = new CapaianBandSet(new DateOnly(2025, 1, 1), [new CapaianBand("Baik", 100m), new CapaianBand("Kurang", null)]);
        var html = Render<CapaianCell>(p => p.Add(c => c.Capaian, 95m).Add(c => c.Bands, bands)).Markup;
        Assert.Contains("data-band=\"Kurang\"", html);
    }
}

public sealed class ImportResultViewTests : ComponentTest
{
    [Fact]
    public void Refused_ListsRowAndColumn_AndSaysNothingStored()
    {
        var result = ImportResult.Refused([new ImportError(3, "kolom G (realisasi)", "'abc' bukan angka.")]);
        var refused = Render<ImportResultView>(p => p.Add(c => c.Result, result).Add(c => c.FileName, "tw1.xlsx")).Find("[role=alert]");
        Assert.Contains("Berkas tw1.xlsx ditolak seluruhnya", refused.TextContent);
        Assert.Contains("tidak ada data yang disimpan", refused.TextContent);
        Assert.Contains("Baris 3, kolom G (realisasi): 'abc' bukan angka.", refused.TextContent);
    }

    [Fact]
    public void Accepted_WithoutChanges_SaysNothingChanged()
    {
        var html = Render<ImportResultView>(p => p.Add(c => c.Result, new ImportResult(12, 0, [], []))).Markup;
        Assert.Contains("tidak ada perubahan", html);
    }

    [Fact]
    public void Form_SavedMessage_ReplacesRowCounts()
    {
        var saved = Render<ImportResultView>(p => p.Add(c => c.Result, new ImportResult(1, 1, [], [])).Add(c => c.SavedMessage, "Nilai SAKIP disimpan.")).Markup;
        var same = Render<ImportResultView>(p => p.Add(c => c.Result, new ImportResult(1, 0, [], [])).Add(c => c.SavedMessage, "Nilai SAKIP disimpan.")).Markup;
        Assert.Contains("Nilai SAKIP disimpan.", saved);
        Assert.DoesNotContain("baris", saved);
        Assert.Contains("Tidak ada perubahan", same);
    }

    [Fact]
    public void Accepted_WithUnmatched_ListsThem()
    {
        var result = new ImportResult(5, 5, [], [new UnmatchedLine(7, "Program X", "", "Sub Y", "Sub kegiatan 'Sub Y' tidak ditemukan")]);
        var html = Render<ImportResultView>(p => p.Add(c => c.Result, result)).Markup;
        Assert.Contains("5 baris disimpan atau diperbarui", html);
        Assert.Contains("1 baris tidak cocok", html);
        Assert.Contains("<td>7</td>", html);
        Assert.Contains("Sub Y", html);
    }

    [Fact]
    public void ManyErrors_AreCappedWithCount()
    {
        var errors = Enumerable.Range(2, 25).Select(r => new ImportError(r, "kolom A", "x")).ToList();
        var html = Render<ImportResultView>(p => p.Add(c => c.Result, ImportResult.Refused(errors))).Markup;
        Assert.Equal(ImportResultView.MaxErrors, html.Split("<li>").Length - 1);
        Assert.Contains("5 kesalahan lain", html);
    }
}

public sealed class IkmAndSakipViewTests : ComponentTest
{
    [Fact]
    public void WeakestElements_ListsLowestNrrNamesInBahasa()
    {
        var survey = new IkmSurvey { Nrr = [3.5m, 3.5m, 2.5m, 4m, 3m, 3.5m, 3.5m, 2m, 3m], IkmValue = 79.17m, Respondents = 4 };
        var html = Render<IkmWeakestElements>(p => p.Add(c => c.Survey, survey)).Markup;
        var first = html.IndexOf("Penanganan Pengaduan", StringComparison.Ordinal);
        var second = html.IndexOf("Waktu Penyelesaian", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, html);
        Assert.Contains("2,00", html);
        Assert.Contains("2,50", html);
    }

    [Fact]
    public void WeakestElements_AggregateOnly_SaysSo()
    {
        var html = Render<IkmWeakestElements>(p => p.Add(c => c.Survey, new IkmSurvey { IkmValue = 80m })).Markup;
        Assert.Contains("Hanya nilai agregat", html);
    }

    [Fact]
    public void SakipScore_Dukcapil_ShowsTotalPredicateAndTargetGap()
    {
        var html = Render<SakipScoreView>(p => p.Add(c => c.Score, new SakipScore(25.50m, 24.00m, 11.85m, 19.75m)).Add(c => c.Target, 71.25m)).Markup;
        Assert.Contains("81,10", html);
        Assert.Contains("A (Memuaskan)", html);
        Assert.Contains("mencapai", html);
        Assert.Matches(@"\((\+|&#x2B;)9,85\)", html);
    }

    [Fact]
    public void SakipScore_Exactly90_IsA()
    {
        var html = Render<SakipScoreView>(p => p.Add(c => c.Score, new SakipScore(30m, 25m, 15m, 20m))).Markup;
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
