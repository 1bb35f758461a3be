using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using XCell = DocumentFormat.OpenXml.Spreadsheet.Cell;
using PkAnalytics.Documents.Layout;

namespace PkAnalytics.Documents;

/// <summary>
/// Reads an .xlsx workbook into the layout model: every visible sheet a table of its visible rows and columns
/// (hidden sheets, rows and columns are not part of the printed agreement), values as stored (a number with a
/// percent format is written as a percentage: 1 -> "100%"), sheets separated like pages.
/// </summary>
internal static class XlsxReader
{
    public static bool TryRead(byte[] content, out LayoutDocument layout, out string problem)
    {
        layout = new LayoutDocument();
        problem = string.Empty;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var doc = SpreadsheetDocument.Open(stream, false);
            var book = doc.WorkbookPart;
            var sheets = book?.Workbook?.Sheets?.Elements<Sheet>().ToList();
            if (book is null || sheets is null || sheets.Count == 0)
            {
                problem = "berkas .xlsx tidak memiliki lembar kerja";
                return false;
            }

            var strings = book.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var formats = NumberFormats(book);
            var first = true;
            foreach (var sheet in sheets)
            {
                if (sheet.State is { } state && state.Value != SheetStateValues.Visible)
                {
                    continue;
                }

                if (sheet.Id?.Value is not { } id || book.GetPartById(id) is not WorksheetPart part)
                {
                    continue;
                }

                if (!first)
                {
                    layout.Break();
                }

                first = false;
                layout.Pages++;
                AppendSheet(layout, part, strings, formats);
            }

            return true;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException
                                       or InvalidOperationException or ArgumentException or NotSupportedException or FormatException or KeyNotFoundException)
        {
            problem = $"bukan berkas .xlsx yang dapat dibaca ({e.Message})";
            return false;
        }
    }

    private static void AppendSheet(LayoutDocument layout, WorksheetPart part, List<string> strings, Dictionary<uint, (bool Percent, bool Date)> formats)
    {
        var ws = part.Worksheet;
        var hiddenColumns = new HashSet<int>();
        foreach (var col in ws.Elements<Columns>().SelectMany(c => c.Elements<Column>()))
        {
            if (col.Hidden?.Value == true && col.Min?.Value is { } min && col.Max?.Value is { } max)
            {
                for (var c = (int)min; c <= max && c <= 16384; c++)
                {
                    hiddenColumns.Add(c);
                }
            }
        }

        var rows = new List<SortedDictionary<int, string>>();
        var lastIndex = 0u;
        foreach (var row in ws.Descendants<Row>())
        {
            var index = row.RowIndex?.Value ?? lastIndex + 1;
            if (row.Hidden?.Value == true)
            {
                lastIndex = index;
                continue;
            }

            // Rows the sheet leaves out are empty rows: they separate blocks as they do on the printed page.
            for (var gap = lastIndex + 1; gap < index && gap < lastIndex + 4 && lastIndex > 0; gap++)
            {
                rows.Add([]);
            }

            lastIndex = index;

            var cells = new SortedDictionary<int, string>();
            foreach (var cell in row.Elements<XCell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value);
                if (column <= 0 || hiddenColumns.Contains(column))
                {
                    continue;
                }

                var text = Value(cell, strings, formats);
                if (text.Trim().Length > 0)
                {
                    cells[column] = text.Trim();
                }
            }

            rows.Add(cells);
        }

        var used = rows.SelectMany(r => r.Keys).ToList();
        if (used.Count == 0)
        {
            return;
        }

        // Visible columns from the first used one, so a column keeps its place in every row.
        var columns = Enumerable.Range(used.Min(), used.Max() - used.Min() + 1).Where(c => !hiddenColumns.Contains(c)).ToList();
        LayoutTable? table = null;
        foreach (var row in rows)
        {
            if (row.Count == 0)
            {
                table = null;
                layout.Paragraph(string.Empty);
                continue;
            }

            if (row.Count == 1 && row.Keys.First() == columns[0])
            {
                // A title or a line of running text in the first column.
                table = null;
                layout.Paragraph(row.Values.First());
                continue;
            }

            table ??= layout.Table();
            var cells = table.Row();
            foreach (var c in columns)
            {
                cells.Add(row.TryGetValue(c, out var v) ? new LayoutCell(v.Split('\n').Select(s => s.Trim())) : new LayoutCell());
            }
        }
    }

    private static Dictionary<uint, (bool Percent, bool Date)> NumberFormats(WorkbookPart book)
    {
        var result = new Dictionary<uint, (bool, bool)>();
        var styles = book.WorkbookStylesPart?.Stylesheet;
        if (styles is null)
        {
            return result;
        }

        var custom = styles.NumberingFormats?.Elements<NumberingFormat>()
            .Where(n => n.NumberFormatId?.Value is not null)
            .ToDictionary(n => n.NumberFormatId!.Value, n => n.FormatCode?.Value ?? string.Empty) ?? [];
        var index = 0u;
        foreach (var xf in styles.CellFormats?.Elements<CellFormat>() ?? [])
        {
            var id = xf.NumberFormatId?.Value ?? 0;
            var code = custom.TryGetValue(id, out var c) ? c : string.Empty;
            var percent = id is 9 or 10 || StripQuoted(code).Contains('%');
            var date = id is >= 14 and <= 22 || (code.Length > 0 && !code.Contains('#') && !code.Contains('0') && StripQuoted(code).IndexOfAny(['d', 'm', 'y']) >= 0);
            result[index++] = (percent, date);
        }

        return result;
    }

    private static string StripQuoted(string code)
    {
        var sb = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < code.Length; i++)
        {
            var ch = code[i];
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == '\\' || ch == '_')
            {
                i++;
            }
            else if (!quoted && ch != '[')
            {
                sb.Append(ch);
            }
            else if (ch == '[')
            {
                var close = code.IndexOf(']', i);
                i = close < 0 ? code.Length : close;
            }
        }

        return sb.ToString();
    }

    private static readonly string[] Months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    private static string Value(XCell cell, List<string> strings, Dictionary<uint, (bool Percent, bool Date)> formats)
    {
        var raw = cell.CellValue?.Text ?? cell.InlineString?.InnerText ?? string.Empty;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count ? strings[i] : string.Empty;
        }

        if (type == CellValues.InlineString || type == CellValues.String || type == CellValues.Boolean || type == CellValues.Error)
        {
            return type == CellValues.Error ? string.Empty : raw;
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return raw;
        }

        var style = cell.StyleIndex?.Value ?? 0;
        var (percent, date) = formats.TryGetValue(style, out var f) ? f : (false, false);
        if (date && number is > 0 and < 2958466)
        {
            var d = DateTime.FromOADate(number);
            return $"{d.Day} {Months[d.Month - 1]} {d.Year}";
        }

        decimal value;
        try
        {
            value = (decimal)number;
        }
        catch (OverflowException)
        {
            return raw;
        }

        if (percent)
        {
            return Plain(value * 100) + "%";
        }

        return Plain(value);
    }

    /// <summary>A stored number written plainly (invariant, no grouping, no trailing zeros).</summary>
    private static string Plain(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static int ColumnIndex(string? reference)
    {
        if (reference is null)
        {
            return 0;
        }

        var n = 0;
        foreach (var ch in reference)
        {
            if (ch is >= 'A' and <= 'Z')
            {
                n = n * 26 + (ch - 'A' + 1);
            }
            else
            {
                break;
            }
        }

        return n;
    }
}
