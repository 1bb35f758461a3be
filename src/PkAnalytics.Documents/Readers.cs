using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using PkAnalytics.Documents.Layout;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace PkAnalytics.Documents;

/// <summary>Reads a .docx into the layout model: paragraphs as lines, Word tables row by row (cells with their
/// paragraphs as items), text boxes and frames (w:txbxContent, VML or DrawingML shapes) one line per paragraph.
/// Headers and footers live in their own parts and are not read: they are not content.</summary>
internal static class DocxReader
{
    public static bool TryRead(byte[] content, out LayoutDocument layout, out string problem)
    {
        layout = new LayoutDocument();
        problem = string.Empty;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var doc = WordprocessingDocument.Open(stream, false);
            var body = doc.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                problem = "berkas .docx tidak memiliki isi dokumen";
                return false;
            }

            foreach (var element in body.Elements())
            {
                Append(layout, element);
            }

            return true;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException
                                       or InvalidOperationException or ArgumentException or NotSupportedException or FormatException)
        {
            problem = $"bukan berkas .docx yang dapat dibaca ({e.Message})";
            return false;
        }
    }

    private static void Append(LayoutDocument layout, OpenXmlElement element)
    {
        switch (element)
        {
            case W.Paragraph p:
                // Text boxes anchored in the paragraph: each of their paragraphs is a line of its own (a cover
                // drawn in a text box), before the paragraph's own text.
                foreach (var box in TextBoxes(p))
                {
                    foreach (var child in box.Elements())
                    {
                        Append(layout, child);
                    }
                }

                // A line break inside a paragraph (Shift+Enter: "Nama : ...", "Jabatan : ..." typed as one
                // paragraph) starts a new line, as it does on the page.
                foreach (var line in ParagraphText(p, lineBreak: '\n').Split('\n'))
                {
                    layout.Paragraph(line);
                }

                break;
            case W.Table t:
                LayoutTable? table = null;
                foreach (var row in t.Elements<W.TableRow>())
                {
                    // A layout table (app-generated documents put a whole page in one cell): a row whose only
                    // cell holds tables is read as the blocks it holds, so its tables stay tables.
                    var rowCells = row.Elements<W.TableCell>().ToList();
                    var filled = rowCells.Where(c => c.InnerText.Trim().Length > 0).ToList();
                    if (filled.Count == 1 && filled[0].Elements<W.Table>().Any())
                    {
                        foreach (var child in filled[0].Elements())
                        {
                            Append(layout, child);
                        }

                        table = null;
                        continue;
                    }

                    table ??= layout.Table();
                    var cells = table.Row();
                    foreach (var cell in row.Elements<W.TableCell>())
                    {
                        cells.Add(new LayoutCell(CellItems(cell)));

                        // A cell spanning several grid columns keeps the columns after it aligned with the header.
                        var span = cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1;
                        for (var k = 1; k < span && k < 50; k++)
                        {
                            cells.Add(new LayoutCell());
                        }
                    }
                }

                break;
            case W.SdtBlock sdt:
                foreach (var child in sdt.Descendants<W.SdtContentBlock>().SelectMany(c => c.Elements()))
                {
                    Append(layout, child);
                }

                break;
        }
    }

    /// <summary>The outermost text box contents inside a paragraph (the DrawingML and the VML fallback of one
    /// shape hold the same text: only the first is read).</summary>
    private static List<OpenXmlElement> TextBoxes(W.Paragraph p)
    {
        var boxes = new List<OpenXmlElement>();
        foreach (var box in p.Descendants<W.TextBoxContent>())
        {
            if (box.Ancestors<W.TextBoxContent>().Any())
            {
                continue;
            }

            // mc:AlternateContent carries a Choice (DrawingML) and a Fallback (VML) copy of the same shape.
            if (box.Ancestors().Any(a => a.LocalName == "Fallback"))
            {
                continue;
            }

            boxes.Add(box);
        }

        return boxes;
    }

    private static List<string> CellItems(W.TableCell cell)
    {
        var parts = new List<string>();
        foreach (var child in cell.Elements())
        {
            if (child is W.Paragraph p)
            {
                foreach (var box in TextBoxes(p))
                {
                    parts.AddRange(box.Descendants<W.Paragraph>().Select(ParagraphText));
                }

                var t = ParagraphText(p).Replace('\t', ' ').Trim();
                if (t.Length > 0)
                {
                    parts.Add(t);
                }
            }
            else if (child is W.Table nested)
            {
                parts.AddRange(nested.Descendants<W.Paragraph>().Select(ParagraphText).Where(s => s.Trim().Length > 0));
            }
        }

        return parts;
    }

    private static bool InTextBoxBelow(OpenXmlElement node, W.Paragraph p)
    {
        for (var e = node.Parent; e is not null && !ReferenceEquals(e, p); e = e.Parent)
        {
            if (e is W.TextBoxContent)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The paragraph's own text (not the text of text boxes anchored in it); a line break written as
    /// <paramref name="lineBreak"/> (a space inside table cells, where a wrapped indicator is still one item).</summary>
    private static string ParagraphText(W.Paragraph p) => ParagraphText(p, ' ');

    private static string ParagraphText(W.Paragraph p, char lineBreak)
    {
        var sb = new StringBuilder();
        foreach (var node in p.Descendants())
        {
            if (node is W.Text or W.TabChar or W.Break or W.CarriageReturn && InTextBoxBelow(node, p))
            {
                continue;
            }

            switch (node)
            {
                case W.Text t:
                    sb.Append(t.Text);
                    break;
                case W.TabChar:
                    sb.Append('\t');
                    break;
                case W.Break or W.CarriageReturn:
                    sb.Append(lineBreak);
                    break;
            }
        }

        return sb.ToString();
    }
}

