namespace PkAnalytics.Documents;

/// <summary>One line of the document after cleaning: its 1-based number, the cleaned text (tabs kept) and its cells.</summary>
internal sealed partial class SourceLine
{
    public SourceLine(int number, string raw)
    {
        Number = number;
        Cleaned = SpacedColumns(Documents.Text.CleanLine(raw));
        Text = Documents.Text.Collapse(Cleaned);
        Blank = Text.Length == 0;
        Tabbed = Cleaned.Contains('\t');
        var trimmed = Cleaned.Trim();
        if (trimmed.StartsWith('|') && trimmed.Length > 1)
        {
            IsPipe = true;
            var inner = trimmed.Trim('|');
            Segments = inner.Split('|').Select(Documents.Text.CollapseKeepItems).ToArray();
            IsRule = Segments.Any(s => s.Length > 0) && Segments.All(s => s.Length == 0 || s.All(c => c is '-' or ':' or ' '));
        }
        else if (Tabbed)
        {
            Segments = Cleaned.Split('\t').Select(Documents.Text.CollapseKeepItems).ToArray();
            IsRule = Segments.Any(s => s.Length > 0) && Segments.All(s => s.Length == 0 || s.All(c => c is '-' or ':' or ' ' or '|'));
        }
        else
        {
            Segments = [Text];
            IsRule = Text.Length > 0 && Text.Length < 400 && Text.All(c => c is '-' or ':' or ' ' or '|');
        }

        var nonEmpty = 0;
        foreach (var segment in Segments)
        {
            if (segment.Length > 0)
            {
                nonEmpty++;
            }
        }

        NonEmpty = nonEmpty;
    }

    [System.Text.RegularExpressions.GeneratedRegex(" {4,}")]
    private static partial System.Text.RegularExpressions.Regex WideGap();

    public int Number { get; }

    /// <summary>A line laid out in columns with runs of spaces only ("Program      Anggaran      Keterangan"):
    /// two or more wide gaps (four spaces or more) between words make it a row, the gaps its cell breaks.</summary>
    private static string SpacedColumns(string line)
    {
        if (line.Length < 12 || line.Contains('\t') || line.TrimStart().StartsWith('|') || !line.Contains("    ", StringComparison.Ordinal))
        {
            return line;
        }

        var trimmed = line.Trim();
        var first = trimmed.IndexOf("    ", StringComparison.Ordinal);
        if (first < 0)
        {
            return line;
        }

        var end = first;
        while (end < trimmed.Length && trimmed[end] == ' ')
        {
            end++;
        }

        if (trimmed.IndexOf("    ", end, StringComparison.Ordinal) < 0)
        {
            return line;
        }

        return WideGap().Replace(trimmed, "\t");
    }

    public string Cleaned { get; }

    /// <summary>The whole line, whitespace collapsed.</summary>
    public string Text { get; }

    public bool Blank { get; }

    public bool Tabbed { get; }

    public bool IsPipe { get; }

    /// <summary>A markdown table rule ("|--|---|") or a dash-only line.</summary>
    public bool IsRule { get; }

    /// <summary>Cells of the line: tab- or pipe-separated segments, collapsed (empty segments kept).</summary>
    public string[] Segments { get; }

    public int NonEmpty { get; }

    /// <summary>A whole table row on one line (tab or pipe separated, at least two non-empty cells; or a row whose
    /// only text is in its first cell, the others left empty: a merged heading row of a table).</summary>
    public bool IsRow => (IsPipe || Tabbed) && !IsRule && (NonEmpty >= 2 || (NonEmpty == 1 && Segments.Length >= 3 && Segments[0].Length > 0));

    public override string ToString() => $"{Number}: {Text}";
}

/// <summary>A table cell with the line(s) its text came from. Wrapped lines of the cell are kept as parts.</summary>
internal sealed class Cell
{
    public Cell(string text, int line)
    {
        Parts.Add((text, line));
    }

    public List<(string Text, int Line)> Parts { get; } = [];

    private string? text;
    private int textParts;

    /// <summary>The cell's text, whitespace collapsed (cached until a part is added).</summary>
    public string Text
    {
        get
        {
            if (text is null || textParts != Parts.Count)
            {
                text = Parts.Count == 1 ? Documents.Text.Collapse(Parts[0].Text) : Documents.Text.Collapse(string.Join(' ', Parts.Select(p => p.Text)));
                textParts = Parts.Count;
            }

            return text;
        }
    }

    public int Line => Parts.Count > 0 ? Parts[0].Line : 0;

    /// <summary>Column index within an explicit row (tab/pipe line), else -1.</summary>
    public int Column { get; init; } = -1;

    /// <summary>Number of segments of the explicit row the cell belongs to, up to its last non-empty one.</summary>
    public int RowWidth { get; init; }

    /// <summary>Identifier of the row: one per explicit row line, one per blank-line delimited block otherwise.</summary>
    public int Row { get; init; }

    /// <summary>First non-empty cell of its row.</summary>
    public bool RowStart { get; set; }

    /// <summary>Empty cells before this one in its row (merged or indented layout).</summary>
    public int Indent { get; init; }

    /// <summary>An untabbed line after a blank line: running text, not a table cell.</summary>
    public bool Paragraph { get; init; }

    public bool Explicit => Column >= 0;

    public override string ToString() => $"{Line}[{Row}:{Column}/{Indent}]{(RowStart ? "*" : string.Empty)} {Text}";
}

internal static class CellStream
{
    /// <summary>Cells of the lines [from, to): explicit rows split into their cells, one-cell-per-line tables
    /// rebuilt with their wrapped lines, running text as paragraph cells.</summary>
    public static List<Cell> Build(IReadOnlyList<SourceLine> lines, int from, int to)
    {
        var cells = new List<Cell>();
        var row = 0;
        var indent = 0;
        var blockOpen = false;
        var rowHasCell = false;
        Cell? last = null;
        var lastWasEmptyTabCell = false;
        var lastWasTabCell = false;
        for (var i = from; i < to && i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Blank && !line.Tabbed)
            {
                blockOpen = false;
                indent = 0;
                rowHasCell = false;
                lastWasTabCell = false;
                lastWasEmptyTabCell = false;
                continue;
            }

            if (line.IsRule)
            {
                continue;
            }

            if (line.IsRow)
            {
                row++;
                var first = true;
                var empties = 0;
                var width = line.Segments.Length;
                while (width > 0 && line.Segments[width - 1].Length == 0 && line.NonEmpty > 1)
                {
                    width--;
                }

                for (var c = 0; c < line.Segments.Length; c++)
                {
                    var seg = line.Segments[c];
                    if (seg.Length == 0)
                    {
                        empties++;
                        continue;
                    }

                    var cell = new Cell(seg, line.Number)
                    {
                        Column = c,
                        RowWidth = width,
                        Row = row,
                        RowStart = first,
                        Indent = empties,
                    };
                    first = false;
                    cells.Add(cell);
                    last = cell;
                }

                blockOpen = false;
                rowHasCell = false;
                indent = 0;
                lastWasTabCell = false;
                lastWasEmptyTabCell = false;
                continue;
            }

            if (line.Tabbed)
            {
                if (!blockOpen)
                {
                    row++;
                    blockOpen = true;
                    indent = 0;
                    rowHasCell = false;
                }

                var text = line.Text;
                if (text.Length == 0)
                {
                    indent++;
                    lastWasEmptyTabCell = true;
                    lastWasTabCell = true;
                    continue;
                }

                var cell = new Cell(text, line.Number) { Row = row, RowStart = !rowHasCell, Indent = indent };
                rowHasCell = true;
                cells.Add(cell);
                last = cell;
                lastWasEmptyTabCell = false;
                lastWasTabCell = true;
                continue;
            }

            // An untabbed, non-blank line.
            if (lastWasEmptyTabCell)
            {
                // The empty cell's text wrapped onto this line: it is the cell.
                if (!blockOpen)
                {
                    row++;
                    blockOpen = true;
                }

                indent = Math.Max(0, indent - 1);
                var cell = new Cell(line.Text, line.Number) { Row = row, RowStart = !rowHasCell, Indent = indent };
                rowHasCell = true;
                cells.Add(cell);
                last = cell;
                lastWasEmptyTabCell = false;
                lastWasTabCell = true;
                continue;
            }

            if (lastWasTabCell && last is not null)
            {
                last.Parts.Add((line.Cleaned, line.Number));
                continue;
            }

            row++;
            var paragraph = new Cell(line.Text, line.Number) { Row = row, RowStart = true, Paragraph = true };
            cells.Add(paragraph);
            last = paragraph;
            blockOpen = false;
            rowHasCell = false;
            lastWasTabCell = false;
        }

        return cells;
    }
}
