using Bunit;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PkAnalytics.Dashboard.Components.Shared;
using PkAnalytics.Dashboard.Exports;
using PkAnalytics.Reports;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Tests.Components;

/// <summary>What the shared components render, with bUnit.</summary>
public sealed class MarkupTests : ComponentTest
{
    private static AgreementRow Agreement(int id, int position, int? superior, string title, string level, string kind = "original") => new()
    {
        AgreementId = id, PositionId = position, SuperiorPositionId = superior, Position = title, Level = level, Kind = kind,
        IsCurrent = true, SuperiorPosition = superior == 99 ? "BUPATI LUWU TIMUR" : "ATASAN " + superior, Official = "NAMA " + id,
    };

    [Fact]
    public void CascadeTree_NestsEachAgreementUnderItsSecondParty()
    {
        var roots = AgreementCascade.Build(
        [
            Agreement(1, 10, 99, "KEPALA DINAS", "eselon_ii", "amendment"),
            Agreement(2, 20, 10, "SEKRETARIS", "eselon_iii"),
            Agreement(3, 30, 20, "KASUBAG UMUM", "eselon_iv"),
            Agreement(4, 40, 10, "KEPALA BIDANG", "eselon_iii"),
        ]);

        var html = Render<CascadeTree>(p => p.Add(c => c.Roots, roots)).Markup;

        Assert.Matches("BUPATI LUWU TIMUR.*data-agreement=\"1\".*Perubahan.*data-agreement=\"4\".*data-agreement=\"2\".*data-agreement=\"3\"", html.ReplaceLineEndings(" "));
        // The Kasubag sits three lists deep: Bupati > head > Sekretaris > Kasubag.
        var kasubag = html.IndexOf("data-agreement=\"3\"", StringComparison.Ordinal);
        var opened = CountOf(html[..kasubag], "<ul") - CountOf(html[..kasubag], "</ul>");
        Assert.Equal(4, opened);
        Assert.Contains("href=\"#pk-3\"", html);
    }

    [Fact]
    public void CascadeTree_WithoutAgreements_SaysSo()
    {
        var html = Render<CascadeTree>(p => p.Add(c => c.Roots, Array.Empty<CascadeNode>())).Markup;
        Assert.Contains("Belum ada perjanjian kinerja untuk tahun ini.", html);
    }

    private static ExportTable SampleTable() => new("uji", "Uji",
    [
        new("Perangkat Daerah"), new("Anggaran", CellKind.Money), new("Capaian (%)", CellKind.Percent),
        new("Nilai", CellKind.Decimal), new("Indikator", CellKind.Integer),
    ],
    [
        ["Dinas \"Alfa\", Timur", 1_234_567.5m, 85.204m, 81.1m, 12],
        ["Dinas Beta", 2_000_000m, null, 70.005m, 0],
    ]);

    [Fact]
    public void DataTableView_ShowsIndonesianNumbers_AndExportsTheSameValues()
    {
        var table = SampleTable();

        var html = Render<DataTableView>(p => p.Add(c => c.Table, table).Add(c => c.ExportUrl, (Func<string, string>)(f => "/ekspor/uji." + f))).Markup;
        var csv = System.Text.Encoding.UTF8.GetString(TableWriters.Csv(table)).TrimStart('\uFEFF');

        Assert.Contains(">Rp 1.234.567,50<", html);
        Assert.Contains(">85,20%<", html);
        Assert.Contains(">81,10<", html);
        Assert.Contains(">70,01<", html); // half away from zero, like the CSV
        Assert.Contains(">Rp 2.000.000<", html);
        Assert.Contains(">-<", html);
        Assert.Contains("href=\"/ekspor/uji.xlsx\"", html);
        // The import templates' convention (issue 12): `;` between fields, the decimal comma, no grouping.
        Assert.Equal(
            "Perangkat Daerah;Anggaran;Capaian (%);Nilai;Indikator\r\n" +
            "\"Dinas \"\"Alfa\"\", Timur\";1234567,5;85,20;81,10;12\r\n" +
            "Dinas Beta;2000000;;70,01;0\r\n", csv);
    }

    [Fact]
    public void Xlsx_HoldsNumbersAsNumbers_EqualToTheCsv()
    {
        var bytes = TableWriters.Xlsx(SampleTable());

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var cells = sheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        Assert.Equal("Uji", document.WorkbookPart.Workbook.Descendants<Sheet>().Single().Name!.Value);
        Assert.Equal("Anggaran", cells["B1"].InnerText);
        Assert.Equal("1234567.5", cells["B2"].CellValue!.Text);
        Assert.Equal("85.20", cells["C2"].CellValue!.Text);
        Assert.Equal("70.01", cells["D3"].CellValue!.Text);
        Assert.Null(cells["C3"].CellValue);
        Assert.Equal("Dinas \"Alfa\", Timur", cells["A2"].InnerText);
    }

    [Fact]
    public void GradeBadge_ColoursByPredicate_AndShowsADashWithoutOne()
    {
        var a = Render<GradeBadge>(p => p.Add(c => c.Text, "A").Add(c => c.Color, PerformanceColors.Sakip("A"))).Markup;
        var none = Render<GradeBadge>(p => p.Add(c => c.Text, null)).Markup;

        Assert.Contains("background:#2e7d32;color:#ffffff", a);
        Assert.Contains(">A<", a);
        Assert.Contains("pk-grade-none", none);
        Assert.Equal("#c62828", PerformanceColors.Band(4, 5));
        Assert.Equal("#1b5e20", PerformanceColors.Band(0, 3));
        Assert.Equal("#c62828", PerformanceColors.Band(2, 3));
    }

    [Fact]
    public void IndonesianFormat_RupiahAndDates()
    {
        Assert.Equal("Rp 1.234.567", IndonesianFormat.Rupiah(1_234_567m));
        Assert.Equal("-Rp 5.000", IndonesianFormat.Rupiah(-5_000m));
        Assert.Equal("Rp 0", IndonesianFormat.Rupiah(0m));
        Assert.Equal("4 Januari 2024", IndonesianFormat.Date(new DateTime(2024, 1, 4)));
        Assert.Equal("20,08%", IndonesianFormat.Percent(20.08m));
    }

    private static int CountOf(string text, string token)
    {
        var count = 0;
        for (var i = text.IndexOf(token, StringComparison.Ordinal); i >= 0; i = text.IndexOf(token, i + token.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
