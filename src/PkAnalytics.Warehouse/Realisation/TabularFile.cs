using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PkAnalytics.Warehouse.Realisation;

/// <summary>One cell as read: its text, and whether a spreadsheet stored it as a number (invariant notation).</summary>
public readonly record struct Cell(string Text, bool IsNumeric)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}

/// <summary>A data row with its row number in the file (the header is row 1).</summary>
public sealed record TabularRow(int RowNumber, IReadOnlyList<Cell> Cells)
{
    public Cell this[int column] => column < Cells.Count ? Cells[column] : new Cell("", false);
}

/// <summary>A file read as a header row and data rows; blank rows are skipped.</summary>
public sealed record TabularData(IReadOnlyList<string> Headers, IReadOnlyList<TabularRow> Rows)
{
    /// <summary>Column index of the first header matching one of the names (normalised), or -1.</summary>
    public int Column(params string[] names)
    {
        for (var i = 0; i < Headers.Count; i++)
        {
            var h = TabularFile.Key(Headers[i]);
            if (names.Any(n => TabularFile.Key(n) == h))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Spreadsheet column letter (A, B, ..., AA) of a zero-based column index.</summary>
    public static string Letter(int column)
    {
        var s = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
        {
            s = (char)('A' + ((c - 1) % 26)) + s;
        }

        return s;
    }

    /// <summary>"kolom C (realisasi)" for messages.</summary>
    public string Describe(int column) =>
        column >= 0 && column < Headers.Count ? $"kolom {Letter(column)} ({Headers[column]})" : $"kolom {Letter(column)}";
}

/// <summary>Thrown when a file cannot be read at all (wrong format, no header).</summary>
public sealed class TabularFormatException(string message) : Exception(message);

public static class TabularFile
{
    public const string CsvContentType = "text/csv";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Reads a .csv (comma or semicolon separated, UTF-8) or .xlsx (first sheet) file. The header is the first
    /// non-blank row, or, when <paramref name="headerNames"/> are given, the first of the first ten non-blank rows
    /// holding one of them (so a title above the table is skipped).
    /// </summary>
    public static TabularData Read(Stream content, string fileName, params string[] headerNames)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var rows = extension switch
        {
            ".csv" or ".txt" => ReadCsv(content),
            ".xlsx" => ReadXlsx(content),
            _ => throw new TabularFormatException($"Berkas '{fileName}' bukan .csv atau .xlsx."),
        };
        return Build(rows, headerNames);
    }

    /// <summary>
    /// UTF-8, UTF-16 or Windows-1252 (Excel's "CSV" on Indonesian Windows), told apart by the bytes; a file that is
    /// none of them, or a row with characters no encoding gives (control characters), is refused with the row.
    /// </summary>
    private static List<(int Row, List<Cell> Cells)> ReadCsv(Stream content)
    {
        using var bytes = new MemoryStream();
        content.CopyTo(bytes);
        if (!PkAnalytics.Domain.Text.TextDecoding.TryDecode(bytes.ToArray(), out var text, out var problem, out var encoding))
        {
            throw new TabularFormatException($"Berkas tidak dapat dibaca sebagai teks CSV: {problem}. Simpan sebagai CSV (UTF-8) atau .xlsx.");
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Any(c => (c < 0x20 && c is not ('\t' or '\r')) || c == '\uFFFD' || c is >= '\u0080' and <= '\u009F'))
            {
                throw new TabularFormatException(
                    $"Baris {i + 1}: berisi karakter yang tidak dikenal dalam {encoding}. Simpan berkas sebagai CSV (UTF-8) atau .xlsx.");
            }
        }

        var firstLine = text.Split('\n', 2)[0];
        var delimiter = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ";" : ",";
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
            IgnoreBlankLines = false,
        };
        using var csv = new CsvParser(new StringReader(text), configuration);
        var records = new List<(int Row, string[] Fields)>();
        var row = 0;
        while (csv.Read())
        {
            row = csv.Row;
            records.Add((row, csv.Record ?? []));
        }

        return records.Select(r => (r.Row, r.Fields.Select(f => new Cell(f.Trim(), false)).ToList())).ToList();
    }

    private static List<(int Row, List<Cell> Cells)> ReadXlsx(Stream content)
    {
        var buffer = new MemoryStream();
        content.CopyTo(buffer);
        buffer.Position = 0;
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(buffer, false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            throw new TabularFormatException("Berkas .xlsx tidak dapat dibaca: " + e.Message);
        }

        using (document)
        {
            var workbook = document.WorkbookPart ?? throw new TabularFormatException("Berkas .xlsx tanpa lembar kerja.");
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new TabularFormatException("Berkas .xlsx tanpa lembar kerja.");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var rows = new List<(int, List<Cell>)>();
            foreach (var r in part.Worksheet.Descendants<Row>())
            {
                var cells = new List<Cell>();
                foreach (var c in r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>())
                {
                    var index = ColumnIndex(c.CellReference?.Value) ?? cells.Count;
                    while (cells.Count < index)
                    {
                        cells.Add(new Cell("", false));
                    }

                    cells.Add(ReadCell(c, shared));
                }

                rows.Add(((int)(r.RowIndex?.Value ?? (uint)(rows.Count + 1)), cells));
            }

            return rows;
        }
    }

    private static Cell ReadCell(DocumentFormat.OpenXml.Spreadsheet.Cell c, List<string> shared)
    {
        var type = c.DataType?.Value;
        if (type == CellValues.SharedString && int.TryParse(c.CellValue?.Text, out var i) && i < shared.Count)
        {
            return new Cell(shared[i].Trim(), false);
        }

        if (type == CellValues.InlineString)
        {
            return new Cell((c.InlineString?.InnerText ?? "").Trim(), false);
        }

        if (type == CellValues.String || type == CellValues.Boolean || type == CellValues.Error)
        {
            return new Cell((c.CellValue?.Text ?? "").Trim(), false);
        }

        var text = (c.CellValue?.Text ?? "").Trim();
        return new Cell(text, text.Length > 0);
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var n = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter))
        {
            n = n * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        }

        return n - 1;
    }

    private static TabularData Build(List<(int Row, List<Cell> Cells)> rows, string[] headerNames)
    {
        var nonBlank = rows.Where(r => r.Cells.Any(c => !c.IsBlank)).ToList();
        if (nonBlank.Count == 0)
        {
            throw new TabularFormatException("Berkas kosong: baris judul kolom tidak ditemukan.");
        }

        var headerIndex = 0;
        if (headerNames.Length > 0)
        {
            var wanted = headerNames.Select(Key).ToHashSet();
            var found = nonBlank.Take(10).Select((r, i) => (r, i)).FirstOrDefault(x => x.r.Cells.Any(c => wanted.Contains(Key(c.Text))));
            headerIndex = found.r.Cells is null ? 0 : found.i;
        }

        var headers = nonBlank[headerIndex].Cells.Select(c => c.Text).ToList();
        var data = nonBlank.Skip(headerIndex + 1).Select(r => new TabularRow(r.Row, r.Cells)).ToList();
        return new TabularData(headers, data);
    }

    internal static string Key(string header) => NameNormalizer.Normalize(header).Replace(' ', '_');

    /// <summary>Writes a UTF-8 (with BOM, so Excel reads it) semicolon-separated CSV.</summary>
    public static byte[] WriteCsv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(true)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" }))
        {
            foreach (var h in headers)
            {
                csv.WriteField(h);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var field in row)
                {
                    csv.WriteField(field);
                }

                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Writes a one-sheet .xlsx with a header row; values are written as text cells (inline strings).</summary>
    public static byte[] WriteXlsx(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var sheetData = new SheetData();
            sheetPart.Worksheet = new Worksheet(sheetData);
            uint r = 1;
            sheetData.Append(MakeRow(r++, headers));
            foreach (var row in rows)
            {
                sheetData.Append(MakeRow(r++, row));
            }

            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName });
            workbook.Workbook.Save();
        }

        return buffer.ToArray();
    }

    private static Row MakeRow(uint index, IReadOnlyList<string> values)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < values.Count; i++)
        {
            row.Append(new DocumentFormat.OpenXml.Spreadsheet.Cell
            {
                CellReference = TabularData.Letter(i) + index,
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(values[i] ?? "")),
            });
        }

        return row;
    }
}
