using Dapper;
using PkAnalytics.Reports.Model;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.ReadModels;
using static PkAnalytics.Reports.Tests.ReportTestKit;

namespace PkAnalytics.Reports.Tests;

/// <summary>
/// The reports on the hand-checked sample star: the PDF's own text (pdftotext) must carry the database's figures,
/// each recipient's scope must hold, and a render missing a chart or table rows must fail.
/// </summary>
public sealed class ReportContentTests(SampleReports fixture) : IClassFixture<SampleReports>
{
    [Fact]
    public async Task Kabupaten_PdfText_KeyFiguresEqualTheDatabase()
    {
        var report = await fixture.Host.Generator.RenderAsync(ReportRequest.Kabupaten(June2024), ViewerScope.AllAgencies);
        var flat = Flat(PdfText(report.Pdf));

        // The figures straight from the database (not from the report's own model).
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        var budget = await connection.ExecuteScalarAsync<decimal>(new CommandDefinition("select sum(budget) from rm_agency_year where year = 2024"));
        var realised = await connection.ExecuteScalarAsync<decimal>(new CommandDefinition("select sum(realised) from rm_agency_program_year where year = 2024"));
        var sakip = await connection.ExecuteScalarAsync<decimal>(new CommandDefinition("select avg(total) from fact_sakip_evaluation where year = 2024"));
        var findings = await connection.ExecuteScalarAsync<int>(new CommandDefinition("select count(*) from finding"));
        Assert.Equal(2_000_000m, budget); // hand-checked in DashboardSampleData
        Assert.Contains(IndonesianFormat.Rupiah(budget), flat);             // Rp 2.000.000
        Assert.Contains("realisasi " + IndonesianFormat.Rupiah(realised), flat); // Rp 300.000
        Assert.Contains(IndonesianFormat.Number(sakip), flat);              // 73,05
        Assert.Contains("Temuan data " + findings, flat);

        // Cover: period, regency, when the data was last loaded (2 July 2024 03:30 UTC = 11.30 WITA), generated at.
        Assert.Contains("Laporan Kinerja Kabupaten Luwu Timur", flat);
        Assert.Contains("Periode Juni 2024", flat);
        Assert.Contains("2 Juli 2024 11.30 WITA", flat);
        Assert.Matches(@"Dibuat \d{1,2} \w+ \d{4} \d{2}\.\d{2} WITA", flat);
        Assert.DoesNotContain("Data contoh", flat); // the sample star is not marked as sample data

        // SAKIP and IKM by agency, capaian per indicator with band, attention and why, findings, page numbers.
        Assert.Contains("81,10", flat);
        Assert.Contains("65,00", flat);
        Assert.Contains("Jumlah Dokumen Perencanaan", flat);
        Assert.Contains("50,00% Sangat Rendah", flat);
        Assert.Contains("101,33% Sangat Tinggi", flat);
        Assert.Contains("Kecamatan Gamma Belum ada perjanjian kinerja tahun ini", flat);
        Assert.Contains("Nilai SAKIP di bawah target", flat);
        Assert.Contains("Target Lampiran 2 berbeda", flat);
        var pages = PageCount(report.Pdf);
        Assert.Contains($"Halaman 1 dari {pages}", flat);
        Assert.Contains($"Halaman {pages} dari {pages}", flat);

        // Charts are vector: the SVG went into the page, and its labels are text in the PDF.
        Assert.Contains("<svg", report.Html);
        Assert.Equal(["sakip", "ikm", "capaian", "anggaran"], report.Data.ExpectedCharts);
        var sakipSvg = report.Data.Charts["sakip"].Svg;
        Assert.Contains("Dinas Alfa", sakipSvg);
        Assert.Contains("81,10 A", sakipSvg);
        Assert.Contains("fill=\"#2E7D32\"", sakipSvg); // predicate A in the dashboard's colour
    }

    [Fact]
    public async Task Opd_ReadWithItsOperatorsScope_ShowsOnlyThatAgency()
    {
        var report = await fixture.Host.Generator.RenderAsync(
            ReportRequest.Opd(DashboardSampleData.BetaId, June2024), ViewerScope.Agency(DashboardSampleData.BetaId));
        var flat = Flat(PdfText(report.Pdf));

        Assert.Contains("Laporan Kinerja Dinas Beta", flat);
        Assert.Contains("Rp 800.000", flat);  // P1 500.000 + P2 300.000
        Assert.Contains("65,00", flat);       // SAKIP 20 + 20 + 10 + 15
        Assert.Contains("70,00", flat);       // IKM
        Assert.Contains("Jumlah anggaran tidak cocok", flat);
        Assert.Contains("beta-2024.txt:80", flat);
        Assert.DoesNotContain("Alfa", flat);
        Assert.DoesNotContain("Gamma", flat);
    }

    [Fact]
    public async Task Opd_OperatorOfAnotherAgency_IsRefusedWithTheReason()
    {
        var refused = await Assert.ThrowsAsync<ReportNotVisibleException>(() => fixture.Host.Generator.RenderAsync(
            ReportRequest.Opd(DashboardSampleData.BetaId, June2024), ViewerScope.Agency(DashboardSampleData.AlfaId)));
        Assert.Contains("Dinas Beta", refused.Message);
        Assert.Contains("Dinas Alfa", refused.Message);

        var kabupaten = await Assert.ThrowsAsync<ReportNotVisibleException>(() => fixture.Host.Generator.RenderAsync(
            ReportRequest.Kabupaten(June2024), ViewerScope.Agency(DashboardSampleData.AlfaId)));
        Assert.Contains("Laporan Kabupaten", kabupaten.Message);
    }

    [Fact]
    public async Task Render_WithAChartMissing_OrATableCut_IsAFailureNotAPdf()
    {
        var reader = fixture.Host.Get<ReportDataReader>();
        var renderer = fixture.Host.Get<PkAnalytics.Reports.Rendering.ReportHtmlRenderer>();
        var printer = fixture.Host.Get<PkAnalytics.Reports.Rendering.PdfPrinter>();
        var data = await reader.ReadAsync(ReportRequest.Kabupaten(June2024), ViewerScope.AllAgencies);

        // A chart whose drawing came out empty although its data exists.
        var charts = data.Charts.ToDictionary();
        charts["sakip"] = charts["sakip"] with { Svg = "<div></div>" };
        var noChart = data with { Charts = charts };
        var missing = await Assert.ThrowsAsync<ReportIncompleteException>(async () =>
            await printer.PrintAsync(await renderer.RenderAsync(noChart), noChart));
        Assert.Contains("grafik sakip", missing.Message);

        // A table that lost rows on the way (here: the HTML of a shorter list, checked against the data's count).
        var html = await renderer.RenderAsync(data with { Indicators = data.Indicators.Take(1).ToList() });
        var cut = await Assert.ThrowsAsync<ReportIncompleteException>(() => printer.PrintAsync(html, data));
        Assert.Contains($"tabel indikator: 1 baris dari {data.Indicators.Count}", cut.Message);
    }
}
