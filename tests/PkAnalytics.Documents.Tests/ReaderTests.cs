using System.Diagnostics;
using PkAnalytics.Domain.Agreements;
using Xunit.Abstractions;

namespace PkAnalytics.Documents.Tests;

/// <summary>The agreement of <see cref="Generated.AgreementHtml"/> printed to PDF once, and scanned.</summary>
public sealed class PrintedAgreement
{
    public byte[] Pdf { get; } = Keep("printed.pdf", Generated.PdfFromHtml(Generated.AgreementHtml()));

    private byte[]? scan;
    private byte[]? scanWithLayer;

    public byte[] Scan => scan ??= Keep("scan.pdf", Generated.Scan(Pdf));

    public byte[] ScanWithOcrLayer => scanWithLayer ??= Keep("scan-ocr.pdf", Generated.Scan(Pdf, ocrLayer: true));

    /// <summary>PK_TEST_KEEP=DIR keeps the generated documents for a look.</summary>
    private static byte[] Keep(string name, byte[] content)
    {
        if (Environment.GetEnvironmentVariable("PK_TEST_KEEP") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, name), content);
        }

        return content;
    }
}

/// <summary>Issue 13 items 1, 2 and 10: PDFs read by word positions and ruling lines into the same table
/// structure as Word, scans read by OCR, and the speed of it.</summary>
public sealed class PdfLayoutTests(PrintedAgreement printed, ITestOutputHelper output) : IClassFixture<PrintedAgreement>
{
    internal static readonly string[] Expected =
    [
        "Meningkatnya ketersediaan dan keamanan pangan masyarakat | Persentase cadangan pangan pemerintah daerah yang tersedia sesuai kebutuhan | 85.50 Persen",
        "Meningkatnya kualitas konsumsi pangan | Skor Pola Pangan Harapan (PPH) | 88.2 Skor",
        "Terkendalinya keamanan pangan segar | Jumlah sampel pangan segar yang diuji | 120 Jumlah",
        "Terkendalinya keamanan pangan segar | Jumlah pelaku usaha pangan yang dibina | 45 Jumlah",
    ];

    internal static readonly string[] ExpectedBudget =
    [
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota = 4125880300 APBD",
        "Program Peningkatan Diversifikasi dan Ketahanan Pangan Masyarakat = 865400000 APBD",
    ];

    internal static IEnumerable<string> Indicators(Agreement a) => a.Indicators.Select(i => $"{i.Objective} | {i.Indicator} | {i.Target.Value} {i.Target.Unit}");

    internal static IEnumerable<string> Budget(Agreement a) => a.Budget.Select(b => $"{b.Name} = {b.Amount} {b.Source}");

    [Fact]
    public void PrintedTable_WrappedCellsAndNumberedItemsStayInTheirCells()
    {
        var doc = DocumentParser.Parse("printed.pdf", printed.Pdf);

        var a = Assert.Single(doc.Agreements);
        Assert.Equal(new Party("SRI WAHYUNI, S.P., M.Si", "KEPALA DINAS KETAHANAN PANGAN"), a.FirstParty);
        Assert.Equal(("Pangkajene", "2024-01-05"), (a.Place, a.Date?.ToString()));
        Assert.Equal(Expected, Indicators(a));
        Assert.Equal(ExpectedBudget, Budget(a));
        Assert.DoesNotContain(doc.Findings, f => f.Code == "ocr_text");
    }

    [Fact]
    public void ScannedPdfWithoutATextLayer_IsReadByOcr_WithAFindingSayingSo()
    {
        var watch = Stopwatch.StartNew();
        var doc = DocumentParser.Parse("scan.pdf", printed.Scan);
        output.WriteLine($"OCR: {watch.Elapsed.TotalSeconds:F1} s for {doc.Reading?.Pages} pages ({doc.Reading?.OcrSecondsPerPage} s per page)");

        var a = Assert.Single(doc.Agreements);
        Assert.Equal(Expected, Indicators(a));
        Assert.Equal(ExpectedBudget, Budget(a));
        var f = Assert.Single(doc.Findings, x => x.Code == "ocr_text");
        Assert.Equal(FindingSeverity.Info, f.Severity);
        Assert.Equal(2, doc.Reading?.OcrPages);
    }

    [Fact]
    public void ScannedPdfWithAGoodOcrLayer_UsesTheLayer()
    {
        var doc = DocumentParser.Parse("scan-ocr.pdf", printed.ScanWithOcrLayer);

        var a = Assert.Single(doc.Agreements);
        Assert.Equal(Expected, Indicators(a));
        Assert.Equal(ExpectedBudget, Budget(a));
        Assert.Equal((0, 2), (doc.Reading?.OcrPages, doc.Reading?.OcrLayerPages));
    }

    [Fact]
    public void TwentyPageTextPdf_GivesItsTwentyPagesAndTenAgreements()
    {
        var pdf = Generated.PdfFromHtml(Generated.AgreementHtml(copies: 10));
        DocumentParser.Parse("warm-up.pdf", printed.Pdf);

        var watch = Stopwatch.StartNew();
        var doc = DocumentParser.Parse("twenty.pdf", pdf);
        watch.Stop();
        output.WriteLine($"{doc.Reading?.Pages} pages in {watch.Elapsed.TotalSeconds:F2} s");

        Assert.Equal(20, doc.Reading?.Pages);
        Assert.Equal(10, doc.Agreements.Count);

        // Its speed (target: under 2 s) is measured by `./pk bench pdf`, not asserted here.
    }

    [Fact]
    public void PrintedPdf_MergedObjectiveCell_BorderlessBudgetWithWrappedAmounts_CoverTableWithWrappedPosition()
    {
        var pdf = Generated.PdfFromHtml(VariantHtml);

        var doc = DocumentParser.Parse("variant.pdf", pdf);

        var a = Assert.Single(doc.Agreements);
        Assert.Equal(new Party("ANDI MUHAMMAD RAZAK, S.STP., M.Si", "KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"), a.FirstParty);
        Assert.Equal(("Watampone", "2023-01"), (a.Place, a.Date?.ToString()));
        Assert.Equal(
            ["Indeks Profesionalitas ASN=72.5", "Persentase ASN yang mengikuti pengembangan kompetensi minimal 20 jam pelajaran per tahun=65", "Nilai Sistem Merit=0.72", "Nilai SAKIP Perangkat Daerah="],
            a.Indicators.Select(i => $"{i.Indicator}={i.Target.Value}"));
        Assert.Equal(3, a.Indicators.Count(i => i.Objective == "Meningkatnya kualitas dan profesionalisme aparatur sipil negara di lingkungan pemerintah daerah"));
        Assert.Equal(["Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota = 5880125000 APBD", "Program Kepegawaian Daerah = 1200450000 APBD"], Budget(a));
        Assert.Empty(a.Findings);
    }

    [Fact]
    public void PrintedPdf_BorderlessTables_MergedObjectiveWrapsIntoTheNextRow_TwoTablesKeepTheirColumns()
    {
        var pdf = Generated.PdfFromHtml(VariantHtml.Replace("<table class=\"t\">", "<table class=\"n\">", StringComparison.Ordinal));

        var a = Assert.Single(DocumentParser.Parse("borderless.pdf", pdf).Agreements);

        Assert.Equal(
            ["Indeks Profesionalitas ASN=72.5", "Persentase ASN yang mengikuti pengembangan kompetensi minimal 20 jam pelajaran per tahun=65", "Nilai Sistem Merit=0.72", "Nilai SAKIP Perangkat Daerah="],
            a.Indicators.Select(i => $"{i.Indicator}={i.Target.Value}"));
        Assert.Equal(3, a.Indicators.Count(i => i.Objective == "Meningkatnya kualitas dan profesionalisme aparatur sipil negara di lingkungan pemerintah daerah"));
        Assert.Equal(["Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota = 5880125000 APBD", "Program Kepegawaian Daerah = 1200450000 APBD"], Budget(a));
    }

    private const string VariantHtml = """
<html><head><meta charset="utf-8"><style>
body { font-family: 'Liberation Sans', sans-serif; font-size: 10pt; }
@page { size: A4; margin: 2cm; }
table.t { border-collapse: collapse; width: 100%; }
table.t td, table.t th { border: 1px solid #000; padding: 1px 3px; vertical-align: top; }
table.n td, table.n th { padding: 1px 6px; vertical-align: top; }
</style></head><body>
<p style="text-align:center"><b>PERJANJIAN KINERJA TAHUN 2023<br>BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA</b></p>
<p>Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:</p>
<table class="n"><tr><td>Nama</td><td>:</td><td>ANDI MUHAMMAD RAZAK, S.STP., M.Si</td></tr>
<tr><td>Jabatan</td><td>:</td><td>KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN<br>SUMBER DAYA MANUSIA</td></tr></table>
<p>Selanjutnya disebut PIHAK PERTAMA</p>
<table class="n"><tr><td>Nama</td><td>:</td><td>Ir. H. ABDUL RAHMAN, M.M</td></tr>
<tr><td>Jabatan</td><td>:</td><td>BUPATI BONE</td></tr></table>
<p>Selaku atasan langsung PIHAK PERTAMA, selanjutnya disebut PIHAK KEDUA</p>
<table class="n" style="width:100%"><tr><td></td><td style="text-align:center">Watampone, ........ Januari 2023</td></tr>
<tr><td style="text-align:center">PIHAK KEDUA</td><td style="text-align:center">PIHAK PERTAMA</td></tr>
<tr><td style="text-align:center"><br><br><u>Ir. H. ABDUL RAHMAN, M.M</u></td><td style="text-align:center"><br><br><u>ANDI MUHAMMAD RAZAK, S.STP., M.Si</u><br>NIP. 19800101 200012 1 001</td></tr></table>
<div style="page-break-before:always"></div>
<p style="text-align:center"><b>LAMPIRAN PERJANJIAN KINERJA TAHUN 2023</b></p>
<table class="t">
<tr><th>No</th><th>Sasaran Strategis</th><th>Indikator Kinerja</th><th>Target</th></tr>
<tr><td rowspan="3">1</td><td rowspan="3">Meningkatnya kualitas dan profesionalisme aparatur sipil negara di lingkungan pemerintah daerah</td><td>Indeks Profesionalitas ASN</td><td>72,5</td></tr>
<tr><td>Persentase ASN yang mengikuti pengembangan kompetensi minimal 20 jam pelajaran per tahun</td><td>65 %</td></tr>
<tr><td>Nilai Sistem Merit</td><td>0,72</td></tr>
<tr><td>2</td><td>Meningkatnya akuntabilitas kinerja</td><td>Nilai SAKIP Perangkat Daerah</td><td>BB</td></tr>
</table>
<p></p>
<table class="n">
<tr><th>No</th><th>Program</th><th>Anggaran</th><th>Keterangan</th></tr>
<tr><td>1.</td><td>Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota</td><td style="text-align:right">Rp. 5.880.125.000</td><td>APBD</td></tr>
<tr><td>2.</td><td>Program Kepegawaian Daerah</td><td style="text-align:right">Rp. 1.200.450.000</td><td>APBD</td></tr>
<tr><td></td><td><b>Jumlah</b></td><td style="text-align:right"><b>Rp. 7.080.575.000</b></td><td></td></tr>
</table>
</body></html>

""";
}
