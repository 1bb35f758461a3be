using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PkAnalytics.Dashboard.Exports;

/// <summary>
/// CSV (RFC 4180, UTF-8 with BOM so Excel reads the accents, comma-separated, numbers with a `.` decimal point and
/// no grouping so every tool reads them) and XLSX (numbers as numbers, shown with id-ID formats by Excel).
/// </summary>
public static class TableWriters
{
    public static byte[] Csv(ExportTable table)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', table.Columns.Select(c => Quote(c.Title))).Append("\r\n");
        foreach (var row in table.Rows)
        {
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                var value = row[i];
                if (table.Columns[i].IsNumeric)
                {
                    sb.Append(table.Number(i, value)?.ToString(NumberFormat(table.Columns[i]), CultureInfo.InvariantCulture) ?? "");
                }
                else
                {
                    sb.Append(Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
                }
            }

            sb.Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string NumberFormat(ExportColumn column) => column.Kind switch
    {
        CellKind.Integer => "0",
        CellKind.Money => "0.##",
        _ => "0." + new string('0', column.Decimals),
    };

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    public static byte[] Xlsx(ExportTable table)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = BuildStylesheet();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var header = new Row { RowIndex = 1 };
            for (var i = 0; i < table.Columns.Count; i++)
            {
                header.Append(TextCell(Reference(i, 1), table.Columns[i].Title, StyleHeader));
            }

            data.Append(header);
            uint r = 2;
            foreach (var row in table.Rows)
            {
                var xrow = new Row { RowIndex = r };
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    var column = table.Columns[i];
                    if (column.IsNumeric)
                    {
                        var number = table.Number(i, row[i]);
                        xrow.Append(number is { } n
                            ? new Cell
                            {
                                CellReference = Reference(i, r),
                                DataType = CellValues.Number,
                                CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture)),
                                StyleIndex = StyleFor(column),
                            }
                            : new Cell { CellReference = Reference(i, r) });
                    }
                    else
                    {
                        xrow.Append(TextCell(Reference(i, r), Convert.ToString(row[i], CultureInfo.InvariantCulture) ?? "", 0));
                    }
                }

                data.Append(xrow);
                r++;
            }

            var columns = new Columns();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var width = table.Columns[i].IsNumeric ? 18 : Math.Clamp(table.Rows.Select(x => (Convert.ToString(x[i], CultureInfo.InvariantCulture) ?? "").Length).DefaultIfEmpty(10).Max() + 2, 12, 60);
                columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = width, CustomWidth = true });
            }

            sheetPart.Worksheet = new Worksheet(columns, data);
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(table.Title) });
            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    private const uint StyleHeader = 1;
    private const uint StyleInteger = 2;
    private const uint StyleDecimal = 3;
    private const uint StyleMoney = 4;

    private static uint StyleFor(ExportColumn column) => column.Kind switch
    {
        CellKind.Integer => StyleInteger,
        CellKind.Money => StyleMoney,
        _ => StyleDecimal,
    };

    private static Stylesheet BuildStylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "\"Rp \"#,##0" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true }) { Count = 5 });

    private static Cell TextCell(string reference, string text, uint style) => new()
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
        StyleIndex = style,
    };

    private static string Reference(int column, uint row)
    {
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
        {
            name = (char)('A' + (c - 1) % 26) + name;
        }

        return name + row.ToString(CultureInfo.InvariantCulture);
    }

    private static string SheetName(string title)
    {
        var clean = new string(title.Where(ch => ch is not ('\\' or '/' or '?' or '*' or '[' or ']' or ':')).ToArray());
        return clean.Length > 31 ? clean[..31] : clean;
    }
}
