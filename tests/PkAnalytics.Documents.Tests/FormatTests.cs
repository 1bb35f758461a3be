using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using PkAnalytics.Domain.Agreements;
using PkAnalytics.TestSupport;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace PkAnalytics.Documents.Tests;

/// <summary>.docx read through its Word tables (rows and cells) and .pdf through pdftotext give the same
/// agreements as the text of the same document.</summary>
public sealed class DocxTests
{
    [Fact]
    public void DocxBuiltFromASeedsTables_GivesTheSameAgreementsAsTheText()
    {
        var seed = Repo.SeedFiles.Single(f => Path.GetFileName(f).StartsWith("001_", StringComparison.Ordinal));
        var text = File.ReadAllText(seed);

        var docx = WordFromText(text, out var tables);
        var fromText = DocumentParser.Parse("seed.txt", Encoding.UTF8.GetBytes(text));
        var fromWord = DocumentParser.Parse("seed.docx", docx);

        Assert.True(tables >= 10, $"only {tables} Word tables were written");
        Assert.Equal("docx", fromWord.Format);
        Assert.Equal(6, fromWord.Agreements.Count);
        Assert.Equal(Contract(fromText), Contract(fromWord));
    }

    [Fact]
    public void DocxCellWithSeveralParagraphs_GivesOneIndicatorPerParagraphPair()
    {
        var cover = Pk.Cover().TrimEnd('\n').Split('\n');
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var body = new W.Body();
            foreach (var line in cover)
            {
                body.Append(Paragraph(line));
            }

            body.Append(Table(
                [["No.", "Sasaran Kegiatan", "Indikator Kinerja", "Target"],
                 ["1", "Tersusunnya Laporan Keuangan", "Jumlah dokumen SPP UP\u2028Jumlah Laporan SPJ Fungsional", "1 Dokumen\u202812 Laporan"]]));
            doc.AddMainDocumentPart().Document = new W.Document(body);
        }

        var parsed = DocumentParser.Parse("cells.docx", stream.ToArray());

        var a = Assert.Single(parsed.Agreements);
        Assert.Equal(["Jumlah dokumen SPP UP", "Jumlah Laporan SPJ Fungsional"], a.Indicators.Select(i => i.Indicator));
        Assert.Equal(["1 Dokumen", "12 Laporan"], a.Indicators.Select(i => i.Target.Raw));
    }

    [Fact]
    public void DocxCellMergedOverTwoColumns_KeepsTheFollowingColumnsAligned()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var body = new W.Body();
            foreach (var line in Pk.Cover().TrimEnd('\n').Split('\n'))
            {
                body.Append(Paragraph(line));
            }

            body.Append(Table(
                [["No.", "Sasaran", "Indikator Kinerja", "Target"],
                 ["1", "Meningkatnya kualitas layanan", "Persentase layanan tepat waktu", "95%"],
                 ["{span2}", "Tertanganinya pengaduan masyarakat (persen)", "90%"]]));
            doc.AddMainDocumentPart().Document = new W.Document(body);
        }

        var a = Assert.Single(DocumentParser.Parse("merged.docx", stream.ToArray()).Agreements);

        Assert.Equal(["Persentase layanan tepat waktu", "Tertanganinya pengaduan masyarakat (persen)"], a.Indicators.Select(i => i.Indicator));
        Assert.All(a.Indicators, i => Assert.Equal("Meningkatnya kualitas layanan", i.Objective));
        Assert.Equal([95m, 90m], a.Indicators.Select(i => i.Target.Value));
    }

    [Fact]
    public void BrokenDocx_GivesAnUnreadableDocumentError()
    {
        var doc = DocumentParser.Parse("broken.docx", Encoding.UTF8.GetBytes("PK\u0003\u0004 not really a zip"));

        var f = Assert.Single(doc.Findings);
        Assert.Equal("unreadable_document", f.Code);
        Assert.Contains(".docx", f.Message);
    }

    /// <summary>Every run of tab-separated row lines becomes a real Word table; other lines are paragraphs.</summary>
    internal static byte[] WordFromText(string text, out int tables)
    {
        tables = 0;
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var body = new W.Body();
            var rows = new List<string[]>();
            foreach (var line in text.Replace("\r", string.Empty).Split('\n'))
            {
                var cells = line.Split('\t');
                if (cells.Count(c => c.Trim().Length > 0) >= 2)
                {
                    rows.Add(cells);
                    continue;
                }

                if (rows.Count > 0)
                {
                    body.Append(Table(rows));
                    tables++;
                    rows.Clear();
                }

                body.Append(Paragraph(line));
            }

            if (rows.Count > 0)
            {
                body.Append(Table(rows));
                tables++;
            }

            doc.AddMainDocumentPart().Document = new W.Document(body);
        }

        return stream.ToArray();
    }

    private static W.Paragraph Paragraph(string text)
    {
        var run = new W.Run();
        var parts = text.Split('\t');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new W.TabChar());
            }

            run.Append(new W.Text(parts[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return new W.Paragraph(run);
    }

    private static W.Table Table(IEnumerable<string[]> rows)
    {
        var table = new W.Table(new W.TableProperties(new W.TableBorders(new W.TopBorder { Val = W.BorderValues.Single })));
        foreach (var row in rows)
        {
            var tr = new W.TableRow();
            foreach (var cell in row)
            {
                // A cell holds one paragraph per item (the test marks item breaks with U+2028); "{span2}" merges
                // the cell over two grid columns.
                var tc = new W.TableCell();
                var text = cell;
                if (text.StartsWith("{span2}", StringComparison.Ordinal))
                {
                    tc.Append(new W.TableCellProperties(new W.GridSpan { Val = 2 }));
                    text = text["{span2}".Length..];
                }

                foreach (var p in text.Split('\u2028'))
                {
                    tc.Append(Paragraph(p));
                }

                tr.Append(tc);
            }

            table.Append(tr);
        }

        return table;
    }

    /// <summary>The agreements in the contract JSON, without what depends on the file (source, hash, format).</summary>
    internal static string Contract(ParsedDocument doc) =>
        ParsedDocumentJson.Serialize([doc with { Source = "x", Sha256 = "", Format = "" }]);
}

public sealed class PdfTests
{
    [Fact]
    public void PdfOfADocument_GivesTheSameAgreementsAsItsText()
    {
        var text = Pk.Cover() +
                   Pk.TabTable(
                       "1.\tMeningkatnya Kualitas Pelayanan Publik\tIndeks Kepuasan Masyarakat\t87,40",
                       "2.\tMeningkatnya Akuntabilitas Kinerja\tNilai SAKIP\t71,55") +
                   Pk.BudgetTable(
                       "1.\tProgram Penunjang Urusan Pemerintahan Daerah\tRp 2.877.638.950,-\tAPBD",
                       "2.\tProgram Penyelenggaraan Pemerintahan\tRp 6.611.550,-\tAPBD") +
                   Pk.Signature() +
                   Pk.Cover(firstName: "SAMUEL NASRANI, S.IP", firstPosition: "SEKRETARIS DINAS", secondName: "BUDI SANTOSO, S.E", secondPosition: "KEPALA DINAS CONTOH") +
                   Pk.TabTable("1.\tMeningkatnya Pelayanan Administrasi\tPersentase Penunjang Urusan\t100%");
        // Cells at aligned columns, as a table in a real PDF.
        var pdf = MinimalPdf.FromText(text, [20, 50, 260, 460, 640]);

        var fromText = Pk.Parse(text);
        var fromPdf = DocumentParser.Parse("document.pdf", pdf);

        Assert.Equal("pdf", fromPdf.Format);
        Assert.Empty(fromPdf.Findings);
        Assert.Equal(2, fromPdf.Agreements.Count);
        Assert.True(fromText.Agreements.Select(Meaning).SequenceEqual(fromPdf.Agreements.Select(Meaning)),
            "text:\n" + string.Join("\n", fromText.Agreements.Select(Meaning)) + "\npdf:\n" + string.Join("\n", fromPdf.Agreements.Select(Meaning))
            + "\nreader text:\n" + DocumentParser.ReadText("document.pdf", pdf, out _));
    }

    [Fact]
    public void PdfTableWithAWrappedCell_KeepsTheWrappedTextInItsColumn()
    {
        var text = Pk.Cover() +
                   "No.\tSasaran\tIndikator Kinerja\tTarget\n" +
                   "1.\tMeningkatnya kualitas layanan\tPersentase layanan yang\t95%\n" +
                   "\t\tdiselesaikan tepat waktu\t\n" +
                   "2.\tMeningkatnya akuntabilitas\tNilai SAKIP\t75\n\n";
        var pdf = MinimalPdf.FromText(text, [20, 120, 420, 760]);

        var a = Assert.Single(DocumentParser.Parse("table.pdf", pdf).Agreements);

        Assert.Equal(["Persentase layanan yang diselesaikan tepat waktu", "Nilai SAKIP"], a.Indicators.Select(i => i.Indicator));
        Assert.Equal(["Meningkatnya kualitas layanan", "Meningkatnya akuntabilitas"], a.Indicators.Select(i => i.Objective));
        Assert.Empty(a.Findings);
        Assert.Equal(Pk.Single(text).Indicators.Select(i => i.Indicator), a.Indicators.Select(i => i.Indicator));
    }

    [Fact]
    public void PdfWithoutPdftotext_GivesAClearErrorNamingPopplerUtils()
    {
        var ok = Layout.PdfLayoutReader.TryRead(MinimalPdf.FromText("PERJANJIAN KINERJA"), new Layout.ExternalTool("/nonexistent/pdftotext", "poppler-utils"), out _, out var problem);

        Assert.False(ok);
        Assert.Contains("poppler-utils", problem);
    }

    [Fact]
    public void FileNamedPdfThatIsNotAPdf_GivesAnUnreadableDocumentError()
    {
        var doc = DocumentParser.Parse("fake.pdf", Encoding.UTF8.GetBytes("PERJANJIAN KINERJA\nNama : X"));

        var f = Assert.Single(doc.Findings);
        Assert.Equal("unreadable_document", f.Code);
        Assert.Contains("bukan berkas PDF", f.Message);
    }

    /// <summary>Everything an agreement means, without line numbers (the PDF layout moves lines).</summary>
    private static string Meaning(Agreement a) =>
        string.Join(" | ",
            a.Kind, a.Year, a.Place, a.Date, a.FirstParty, a.SecondParty,
            string.Join(";", a.Indicators.Select(i => $"{i.Objective}/{i.Indicator}/{i.Target.Raw}/{i.Target.Value}/{i.Target.Unit}")),
            string.Join(";", a.Budget.Select(b => $"{b.Level}/{b.Name}/{b.Amount}/{b.Source}")),
            string.Join(";", a.Findings.Select(f => f.Code)));
}

/// <summary>Writes a plain PDF (Courier, one text line per document line, cells at fixed columns), enough for
/// poppler's pdftotext -layout to give the text back with its column gaps.</summary>
internal static class MinimalPdf
{
    public static byte[] FromText(string text) => FromText(text, null);

    /// <summary>With <paramref name="columns"/>, the n-th cell of a line starts at columns[n] (a table layout).</summary>
    public static byte[] FromText(string text, int[]? columns)
    {
        const int linesPerPage = 60;
        var lines = text.Replace("\r", string.Empty).Split('\n');
        var pages = lines.Chunk(linesPerPage).ToList();
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            string.Empty, // pages, filled below
            "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
        };
        var kids = new List<int>();
        foreach (var page in pages)
        {
            var content = new StringBuilder("BT /F1 7 Tf\n");
            var y = 800;
            foreach (var line in page)
            {
                var x = 20;
                var cells = line.Split('\t');
                for (var c = 0; c < cells.Length; c++)
                {
                    var cell = cells[c];
                    if (columns is not null && cells.Length > 1 && c < columns.Length)
                    {
                        x = columns[c];
                    }

                    if (cell.Length > 0)
                    {
                        content.Append(CultureInfo.InvariantCulture, $"1 0 0 1 {x} {y} Tm ({Escape(cell)}) Tj\n");
                    }

                    // Columns: each cell gets room for its text plus a wide gap.
                    x += Math.Max(40, (cell.Length * 42 / 10) + 30);
                }

                y -= 12;
            }

            content.Append("ET");
            var stream = content.ToString();
            objects.Add($"<< /Length {Encoding.ASCII.GetByteCount(stream)} >>\nstream\n{stream}\nendstream");
            var contentId = objects.Count;
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 2400 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {contentId} 0 R >>");
            kids.Add(objects.Count);
        }

        objects[1] = $"<< /Type /Pages /Kids [{string.Join(' ', kids.Select(k => $"{k} 0 R"))}] /Count {kids.Count} >>";
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static string Escape(string s) =>
        new(s.Select(c => c > 126 ? '?' : c).ToArray().SelectMany(c => c is '(' or ')' or '\\' ? new[] { '\\', c } : [c]).ToArray());
}
