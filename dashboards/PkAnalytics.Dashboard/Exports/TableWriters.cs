using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PkAnalytics.Dashboard.Exports;

/// <summary>
/// CSV the way Indonesian Excel opens it in columns, the convention of the import templates: UTF-8 with BOM,
/// `;` between fields, the decimal comma without grouping (`6461302211`, `62,04`), RFC 4180 quoting. XLSX with
/// numbers as numbers (shown with id-ID formats by Excel). In both, a text cell that begins with = + - @ (or a tab
/// or carriage return) is kept as text: CSV prefixes it with `'`, XLSX marks it quote-prefixed, so no spreadsheet
/// runs it as a formula.
/// </summary>
public static class TableWriters
{
    /// <summary>Numbers in CSV: decimal comma, no thousands grouping.</summary>
    private static readonly NumberFormatInfo CsvNumbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "", NegativeSign = "-" };

    public static byte[] Csv(ExportTable table)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(true)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture)
               {
                   Delimiter = ";",
                   NewLine = "\r\n",
                   // Our own escaping below (a leading '), not CsvHelper's, so the rule is the same for XLSX.
                   InjectionOptions = InjectionOptions.None,
               }))
        {
            foreach (var column in table.Columns)
            {
                csv.WriteField(Escape(column.Title));
            }

            csv.NextRecord();
            foreach (var row in table.Rows)
            {
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    csv.WriteField(table.Columns[i].IsNumeric
                        ? table.Number(i, row[i])?.ToString(NumberFormat(table.Columns[i]), CsvNumbers) ?? ""
                        : Escape(table.Text(i, row[i])));
                }

                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }

    /// <summary>True when a spreadsheet would read the text as a formula (or a DDE command).</summary>
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>The text as a CSV field that no spreadsheet evaluates: `'=1+1` for `=1+1`.</summary>
    public static string Escape(string text) => LooksLikeFormula(text) ? "'" + text : text;

    private static string NumberFormat(ExportColumn column) => column.Kind switch
    {
        CellKind.Integer => "0",
        CellKind.Money => "0.##",
        _ => "0." + new string('0', column.Decimals),
    };

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
                        var text = table.Text(i, row[i]);
                        xrow.Append(TextCell(Reference(i, r), text, LooksLikeFormula(text) ? StyleQuotePrefix : 0));
                    }
                }

                data.Append(xrow);
                r++;
            }

            var columns = new Columns();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var width = table.Columns[i].IsNumeric ? 18 : Math.Clamp(table.Rows.Select(x => table.Text(i, x[i]).Length).DefaultIfEmpty(10).Max() + 2, 12, 60);
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
    private const uint StyleQuotePrefix = 5;

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
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { QuotePrefix = true }) { Count = 6 });

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
