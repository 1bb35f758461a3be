using System.Diagnostics;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace PkAnalytics.Documents;

/// <summary>Reads a .docx: paragraphs as lines, Word tables row by row (one line per row, cells separated by
/// tabs, paragraphs inside a cell kept as item breaks), so the parser sees the table structure itself.</summary>
internal static class DocxReader
{
    public static bool TryRead(byte[] content, out string text, out string problem)
    {
        text = string.Empty;
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

            var sb = new StringBuilder();
            foreach (var element in body.Elements())
            {
                Append(sb, element);
            }

            text = sb.ToString();
            return true;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException
                                       or InvalidOperationException or ArgumentException or NotSupportedException or FormatException)
        {
            problem = $"bukan berkas .docx yang dapat dibaca ({e.Message})";
            return false;
        }
    }

    private static void Append(StringBuilder sb, OpenXmlElement element)
    {
        switch (element)
        {
            case W.Paragraph p:
                sb.Append(ParagraphText(p)).Append('\n');
                break;
            case W.Table t:
                foreach (var row in t.Elements<W.TableRow>())
                {
                    var cells = new List<string>();
                    foreach (var cell in row.Elements<W.TableCell>())
                    {
                        cells.Add(CellText(cell));

                        // A cell spanning several grid columns keeps the columns after it aligned with the header.
                        var span = cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1;
                        for (var k = 1; k < span && k < 50; k++)
                        {
                            cells.Add(string.Empty);
                        }
                    }

                    sb.Append(string.Join('\t', cells)).Append('\n');
                }

                break;
            case W.SdtBlock sdt:
                foreach (var child in sdt.Descendants<W.SdtContentBlock>().SelectMany(c => c.Elements()))
                {
                    Append(sb, child);
                }

                break;
        }
    }

    private static string CellText(W.TableCell cell)
    {
        var parts = new List<string>();
        foreach (var child in cell.Elements())
        {
            if (child is W.Paragraph p)
            {
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

        return string.Join(Text.ItemSeparator, parts);
    }

    private static string ParagraphText(W.Paragraph p)
    {
        var sb = new StringBuilder();
        foreach (var node in p.Descendants())
        {
            switch (node)
            {
                case W.Text t:
                    sb.Append(t.Text);
                    break;
                case W.TabChar:
                    sb.Append('\t');
                    break;
                case W.Break or W.CarriageReturn:
                    sb.Append(' ');
                    break;
            }
        }

        return sb.ToString();
    }
}

/// <summary>Reads a .pdf through poppler's `pdftotext -layout`; wide gaps of the layout become cell breaks.</summary>
internal static class PdfReader
{
    /// <summary>The pdftotext executable: PK_PDFTOTEXT, else pdftotext on the PATH.</summary>
    public static string Tool { get; } = Environment.GetEnvironmentVariable("PK_PDFTOTEXT") ?? "pdftotext";

    public static bool TryRead(byte[] content, out string text, out string problem) => TryRead(content, Tool, out text, out problem);

    public static bool TryRead(byte[] content, string tool, out string text, out string problem)
    {
        text = string.Empty;
        problem = string.Empty;
        if (content.Length < 5 || content[0] != '%' || content[1] != 'P' || content[2] != 'D' || content[3] != 'F')
        {
            problem = "bukan berkas PDF (tidak ada header %PDF)";
            return false;
        }

        var input = Path.Combine(Path.GetTempPath(), "pk-" + Guid.NewGuid().ToString("N") + ".pdf");
        try
        {
            File.WriteAllBytes(input, content);
            var start = new ProcessStartInfo(tool)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            start.ArgumentList.Add("-layout");
            start.ArgumentList.Add("-enc");
            start.ArgumentList.Add("UTF-8");
            start.ArgumentList.Add(input);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start);
            if (process is null)
            {
                problem = $"{tool} tidak dapat dijalankan (pasang paket poppler-utils: apt-get install poppler-utils)";
                return false;
            }

            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(true);
                problem = $"{tool} tidak selesai dalam 120 detik";
                return false;
            }

            if (process.ExitCode != 0)
            {
                problem = $"{tool} gagal (kode keluar {process.ExitCode}): {stderr.Result.Trim()}";
                return false;
            }

            text = LayoutToCells(stdout.Result);
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            problem = $"{tool} tidak ditemukan: pasang paket poppler-utils (apt-get install poppler-utils) agar berkas .pdf dapat dibaca";
            return false;
        }
        catch (IOException e)
        {
            problem = $"PDF tidak dapat dikonversi menjadi teks: {e.Message}";
            return false;
        }
        finally
        {
            try
            {
                File.Delete(input);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Runs of three or more spaces in the layout text separate cells (tabs in the result). Cells are
    /// placed in the columns of the table row above them (by their x position), so a wrapped cell line that only
    /// fills the third column keeps two empty cells before it.</summary>
    internal static string LayoutToCells(string layout)
    {
        var sb = new StringBuilder(layout.Length);
        List<int>? anchors = null;
        var sinceRow = 0;
        foreach (var raw in layout.Replace("\f", "\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            var segments = Segments(line);
            if (segments.Count == 0)
            {
                sb.Append('\n');
                continue;
            }

            if (segments.Count >= 2)
            {
                // A table row: its cell starts become the columns for the lines that follow.
                if (anchors is null || sinceRow > 3 || segments.Count >= anchors.Count)
                {
                    anchors = segments.Select(x => x.Start).ToList();
                }

                sinceRow = 0;
                sb.Append(string.Join('\t', Place(segments, anchors))).Append('\n');
                continue;
            }

            sinceRow++;
            var only = segments[0];
            var column = anchors is null || sinceRow > 3 ? -1 : anchors.FindIndex(a => Math.Abs(a - only.Start) <= 2);
            if (column > 0)
            {
                // A wrapped cell under a column of the row above.
                sb.Append(new string('\t', column)).Append(only.Text).Append('\n');
            }
            else
            {
                sb.Append(only.Text).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static List<(int Start, string Text)> Segments(string line)
    {
        var result = new List<(int, string)>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] == ' ')
            {
                i++;
            }

            if (i >= line.Length)
            {
                break;
            }

            var start = i;
            var end = i;
            while (end < line.Length)
            {
                if (line[end] == ' ' && end + 2 < line.Length && line[end + 1] == ' ' && line[end + 2] == ' ')
                {
                    break;
                }

                end++;
            }

            result.Add((start, line[start..end].TrimEnd()));
            i = end;
        }

        return result;
    }

    private static IEnumerable<string> Place(List<(int Start, string Text)> segments, List<int> anchors)
    {
        var cells = new List<string>();
        foreach (var (start, text) in segments)
        {
            var column = anchors.FindLastIndex(a => a <= start + 2);
            column = Math.Max(column, cells.Count);
            while (cells.Count < column)
            {
                cells.Add(string.Empty);
            }

            cells.Add(text);
        }

        return cells;
    }
}
