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
    public void TwentyPageTextPdf_ParsesInUnderTwoSeconds()
    {
        var pdf = Generated.PdfFromHtml(Generated.AgreementHtml(copies: 10));
        DocumentParser.Parse("warm-up.pdf", printed.Pdf);

        var watch = Stopwatch.StartNew();
        var doc = DocumentParser.Parse("twenty.pdf", pdf);
        watch.Stop();
        output.WriteLine($"{doc.Reading?.Pages} pages in {watch.Elapsed.TotalSeconds:F2} s");

        Assert.Equal(20, doc.Reading?.Pages);
        Assert.Equal(10, doc.Agreements.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"20 pages took {watch.Elapsed.TotalSeconds:F2} s");
    }
}
