using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using PkAnalytics.Domain.Agreements;
using S = DocumentFormat.OpenXml.Spreadsheet;
using V = DocumentFormat.OpenXml.Vml;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace PkAnalytics.Documents.Tests;

/// <summary>Issue 13 items 3 and 9: Word covers drawn in text boxes, headers and footers that are not content,
/// and Excel workbooks with one official's agreement per sheet.</summary>
public sealed class WordTextBoxTests
{
    private static W.Paragraph P(string text) => new(new W.Run(new W.Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    /// <summary>A paragraph anchoring a VML text box that holds <paramref name="lines"/>, one paragraph each.</summary>
    private static W.Paragraph TextBox(params string[] lines)
    {
        var content = new W.TextBoxContent(lines.Select(P));
        var shape = new V.Shape(new V.TextBox(content)) { Id = "box1", Style = "width:400pt;height:300pt" };
        return new W.Paragraph(new W.Run(new W.Picture(shape)));
    }

    private static W.Table Table(params string[][] rows)
    {
        var table = new W.Table(new W.TableProperties());
        table.Append(rows.Select(r => new W.TableRow(r.Select(c => new W.TableCell(P(c))))));
        return table;
    }

    [Fact]
    public void CoverInATextBox_EachParagraphItsOwnLine_AndHeaderFooterAreNotContent()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new W.Body(
                TextBox("PERJANJIAN KINERJA TAHUN 2024", "DINAS CONTOH", Pk.Preamble,
                    "Nama\t: BUDI SANTOSO, S.E", "Jabatan\t: KEPALA DINAS CONTOH", "selanjutnya disebut Pihak Pertama",
                    "Nama\t: Drs. H. ALI AKBAR, M.Pd", "Jabatan\t: BUPATI LUWU TIMUR", "selaku atasan Pihak Pertama, selanjutnya disebut Pihak Kedua",
                    "Malili, 4 Januari 2024"),
                P("LAMPIRAN I"),
                Table(["No", "Sasaran", "Indikator Kinerja", "Target"], ["1", "Meningkatnya kualitas layanan", "Indeks Kepuasan Masyarakat", "82,5"]));

            // A header repeating "PERJANJIAN KINERJA ... Nama : ..." on every page, and a footer with a page number.
            var header = main.AddNewPart<HeaderPart>();
            header.Header = new W.Header(P("PERJANJIAN KINERJA TAHUN 2024"), P("Nama : KOP SURAT DINAS"), P("Jabatan : JALAN POROS MALILI NO. 1"));
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new W.Footer(P("Halaman 1 dari 2"));
            body.Append(new W.SectionProperties(
                new W.HeaderReference { Type = W.HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
                new W.FooterReference { Type = W.HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) }));
            main.Document = new W.Document(body);
        }

        var parsed = DocumentParser.Parse("textbox.docx", stream.ToArray());

        var a = Assert.Single(parsed.Agreements);
        Assert.Equal(new Party("BUDI SANTOSO, S.E", "KEPALA DINAS CONTOH"), a.FirstParty);
        Assert.Equal(("Malili", "2024-01-04"), (a.Place, a.Date?.ToString()));
        Assert.Equal(["Indeks Kepuasan Masyarakat"], a.Indicators.Select(i => i.Indicator));
        var text = DocumentParser.ReadText("textbox.docx", stream.ToArray(), out _)!;
        Assert.DoesNotContain("KOP SURAT", text);
        Assert.DoesNotContain("Halaman 1", text);
    }
}

public sealed class AppGeneratedWordTests
{
    private static W.Paragraph P(string text) => new(new W.Run(new W.Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    [Fact]
    public void WholePageInsideALayoutTableCell_KeepsItsTablesAsTables()
    {
        var lampiran = new W.Table(new W.TableProperties());
        foreach (var row in new[] { new[] { "No", "Sasaran", "Indikator Kinerja", "Target" }, ["1", "Meningkatnya kualitas layanan", "Indeks Kepuasan Masyarakat", "82,5"], ["2", "Meningkatnya akuntabilitas", "Nilai SAKIP", "71,55"] })
        {
            lampiran.Append(new W.TableRow(row.Select(c => new W.TableCell(P(c)))));
        }

        var outerCell = new W.TableCell();
        foreach (var line in Pk.Cover().TrimEnd('\n').Split('\n'))
        {
            outerCell.Append(P(line.Replace('\t', ' ')));
        }

        outerCell.Append(P("LAMPIRAN I"), lampiran, P(string.Empty));
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            doc.AddMainDocumentPart().Document = new W.Document(new W.Body(new W.Table(new W.TableProperties(), new W.TableRow(outerCell))));
        }

        var a = Assert.Single(DocumentParser.Parse("app.docx", stream.ToArray()).Agreements);

        Assert.Equal(["Indeks Kepuasan Masyarakat", "Nilai SAKIP"], a.Indicators.Select(i => i.Indicator));
        Assert.Equal([82.5m, 71.55m], a.Indicators.Select(i => i.Target.Value));
    }
}

public sealed class WorkbookTests
{
    private static S.Cell Cell(string reference, string text) =>
        new() { CellReference = reference, DataType = S.CellValues.InlineString, InlineString = new S.InlineString(new S.Text(text)) };

    private static S.Cell Number(string reference, double value, uint style = 0) =>
        new() { CellReference = reference, CellValue = new S.CellValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture)), StyleIndex = style };

    private static S.Row Row(uint index, params S.Cell[] cells) => new(cells) { RowIndex = index };

    private static byte[] Workbook()
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new S.Workbook();
            var styles = book.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new S.Stylesheet(
                new S.Fonts(new S.Font()), new S.Fills(new S.Fill()), new S.Borders(new S.Border()),
                new S.CellFormats(new S.CellFormat { NumberFormatId = 0 }, new S.CellFormat { NumberFormatId = 9, ApplyNumberFormat = true }));
            var sheets = book.Workbook.AppendChild(new S.Sheets());
            uint id = 1;
            void Sheet(string name, bool hidden, params S.Row[] rows)
            {
                var part = book.AddNewPart<WorksheetPart>();
                part.Worksheet = new S.Worksheet(new S.SheetData(rows));
                sheets.Append(new S.Sheet { Name = name, SheetId = id++, Id = book.GetIdOfPart(part), State = hidden ? S.SheetStateValues.Hidden : null });
            }

            S.Row[] Pk(string position, string name, string indicator, double target, string program, double amount) =>
            [
                Row(1, Cell("A1", "PERJANJIAN KINERJA TAHUN 2018")),
                Row(2, Cell("A2", position)),
                Row(4, Cell("A4", "No"), Cell("B4", "Sasaran Program"), Cell("C4", "Indikator Program"), Cell("D4", "Target")),
                Row(5, Cell("A5", "1"), Cell("B5", "Meningkatnya tata kelola keuangan"), Cell("C5", indicator), Number("D5", target, 1)),
                Row(6, Cell("B6", "Baris tersembunyi"), Cell("C6", "Indikator lama"), Number("D6", 0.5, 1)) ,
                Row(8, Cell("B8", "PROGRAM"), Cell("D8", "ANGGARAN")),
                Row(9, Cell("A9", "1"), Cell("B9", program), Number("D9", amount)),
                Row(11, Cell("C11", "Cimahi,      Januari 2018")),
                Row(12, Cell("B12", "KEPALA BADAN KEUANGAN"), Cell("C12", position)),
                Row(16, Cell("B16", "Dra. HELLA HAERANI"), Cell("C16", name)),
                Row(17, Cell("B17", "NIP. 19660214 199202 2 001"), Cell("C17", "NIP. 19700918 199901 1 001")),
            ];

            var first = Pk("KEPALA BIDANG ANGGARAN", "RONY RODJANI", "Persentase dokumen anggaran tepat waktu", 1, "Program Pengelolaan Keuangan Daerah", 1724886540);
            first[4].Hidden = true;
            Sheet("bidang anggaran", false, first);
            Sheet("lama", true, Pk("KEPALA BIDANG LAMA", "ORANG LAMA", "Indikator lembar tersembunyi", 1, "Program Lama", 1000000));
            var second = Pk("KEPALA BIDANG AKUNTANSI", "EDI SOFYAN, S.Sos", "Persentase laporan keuangan tepat waktu", 0.95, "Program Akuntansi Daerah", 296000000);
            second[4].Hidden = true;
            Sheet("bidang akuntansi", false, second);
        }

        return stream.ToArray();
    }

    [Fact]
    public void WorkbookWithOnePkPerSheet_GivesOneAgreementPerVisibleSheet_ValuesAsStored()
    {
        var doc = DocumentParser.Parse("pk.xlsx", Workbook());

        Assert.Equal("xlsx", doc.Format);
        Assert.Equal(2, doc.Agreements.Count);
        Assert.Equal(["RONY RODJANI", "EDI SOFYAN, S.Sos"], doc.Agreements.Select(a => a.FirstParty.Name));
        Assert.All(doc.Agreements, a => Assert.Equal("Dra. HELLA HAERANI", a.SecondParty.Name));
        Assert.Equal(["100%", "95%"], doc.Agreements.Select(a => Assert.Single(a.Indicators).Target.Raw));
        Assert.Equal([100m, 95m], doc.Agreements.Select(a => a.Indicators[0].Target.Value));
        Assert.Equal([1724886540m, 296000000m], doc.Agreements.Select(a => Assert.Single(a.Budget).Amount));
        Assert.DoesNotContain(doc.Agreements.SelectMany(a => a.Indicators), i => i.Indicator.Contains("lama", StringComparison.OrdinalIgnoreCase));
    }
}
