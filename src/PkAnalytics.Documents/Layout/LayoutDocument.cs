using System.Text;

namespace PkAnalytics.Documents.Layout;

/// <summary>
/// The one layout model every reader produces (.docx, .pdf by word positions, scanned pages by OCR, .xlsx):
/// paragraphs and tables of rows and cells. A cell holds its paragraphs (items) in order. The parser reads the
/// model through <see cref="ToText"/>: one line per paragraph and one per table row, cells separated by tabs,
/// the paragraphs of a cell by <see cref="Text.ItemSeparator"/>; so every format hands the parser the same
/// table structure.
/// </summary>
internal sealed class LayoutDocument
{
    public List<LayoutBlock> Blocks { get; } = [];

    /// <summary>Pages whose text came from OCR (1-based), with the engine's seconds for each.</summary>
    public List<(int Page, double Seconds)> OcrPages { get; } = [];

    /// <summary>Pages whose text is an OCR layer already in the PDF (1-based).</summary>
    public List<int> OcrLayerPages { get; } = [];

    public int Pages { get; set; }

    /// <summary>Words the OCR read with low confidence, or amounts with stray letters, for the OCR finding.</summary>
    public int DoubtfulWords { get; set; }

    public void Paragraph(string text)
    {
        Blocks.Add(new LayoutParagraph(text));
    }

    public LayoutTable Table()
    {
        var t = new LayoutTable();
        Blocks.Add(t);
        return t;
    }

    /// <summary>A page or sheet boundary (an empty line in the text).</summary>
    public void Break() => Blocks.Add(new LayoutPageBreak());

    /// <summary>A table a page break cut in two is one table: the header the next page repeats is dropped, and a
    /// row the break split (its first cell empty and no value in its last cell) is joined to the row it continues,
    /// as a Word table has it.</summary>
    public void JoinTablesAcrossPages()
    {
        for (var i = 0; i < Blocks.Count; i++)
        {
            if (Blocks[i] is not LayoutTable first)
            {
                continue;
            }

            var j = i + 1;
            var sawBreak = false;
            while (j < Blocks.Count && (Blocks[j] is LayoutPageBreak || Blocks[j] is LayoutParagraph { Text.Length: 0 }))
            {
                sawBreak |= Blocks[j] is LayoutPageBreak;
                j++;
            }

            if (!sawBreak || j >= Blocks.Count || Blocks[j] is not LayoutTable next || next.Rows.Count == 0 || first.Rows.Count == 0
                || next.Rows[0].Count != first.Rows[^1].Count)
            {
                continue;
            }

            var rows = next.Rows;
            var k = 0;
            while (k < rows.Count && k < 2 && first.Rows.Take(3).Any(r => SameText(r, rows[k])))
            {
                k++;
            }

            if (k == 0 && !Continues(rows[0]))
            {
                continue;
            }

            if (k < rows.Count && Continues(rows[k]))
            {
                var last = first.Rows[^1];
                for (var c = 0; c < last.Count && c < rows[k].Count; c++)
                {
                    foreach (var item in rows[k][c].Items)
                    {
                        if (last[c].Items.Count == 0)
                        {
                            last[c].Items.Add(item);
                        }
                        else
                        {
                            last[c].Items[^1] = JoinWrapped(last[c].Items[^1], item);
                        }
                    }
                }

                k++;
            }

            first.Rows.AddRange(rows.Skip(k));
            Blocks.RemoveRange(i + 1, j - i);
            i--;
        }
    }

    /// <summary>Two pieces of one wrapped text: a word broken after a hyphen or a slash is joined without a space.</summary>
    public static string JoinWrapped(string before, string after)
    {
        var b = before.TrimEnd();
        return b.Length > 1 && (b[^1] is '/' || b[^1] is '-' && char.IsLetter(b[^2])) && after.Length > 0 && char.IsLetterOrDigit(after[0])
            ? b + after
            : b + " " + after;
    }

    private static bool SameText(List<LayoutCell> a, List<LayoutCell> b) =>
        a.Count == b.Count && a.Zip(b).All(x => string.Join(' ', x.First.Items) == string.Join(' ', x.Second.Items)) && a.Any(c => c.Items.Count > 0);

    /// <summary>The rest of a row the page break split: no number in the first cell, no value in the last one.</summary>
    private static bool Continues(List<LayoutCell> row) =>
        row.Count >= 2 && row[0].Items.Count == 0 && row[^1].Items.Count == 0 && row.Any(c => c.Items.Count > 0);

    public string ToText()
    {
        var sb = new StringBuilder();
        foreach (var block in Blocks)
        {
            switch (block)
            {
                case LayoutParagraph p:
                    sb.Append(Clean(p.Text).Replace('\t', ' ')).Append('\n');
                    break;
                case LayoutPageBreak:
                    sb.Append('\n');
                    break;
                case LayoutTable t:
                    foreach (var row in t.Rows)
                    {
                        // The row keeps its width (a row whose only text is its first cell stays a table row).
                        var last = row.Count;
                        if (row.Count(c => c.Items.Count > 0) > 1)
                        {
                            while (last > 0 && row[last - 1].Items.Count == 0)
                            {
                                last--;
                            }
                        }

                        for (var c = 0; c < last; c++)
                        {
                            if (c > 0)
                            {
                                sb.Append('\t');
                            }

                            sb.Append(string.Join(Text.ItemSeparator, row[c].Items.Select(i => Clean(i).Replace('\t', ' '))));
                        }

                        sb.Append('\n');
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    private static string Clean(string s) => s.Replace('\n', ' ').Replace('\r', ' ');
}

internal abstract class LayoutBlock;

internal sealed class LayoutPageBreak : LayoutBlock;

internal sealed class LayoutParagraph(string text) : LayoutBlock
{
    public string Text { get; } = text;
}

internal sealed class LayoutTable : LayoutBlock
{
    public List<List<LayoutCell>> Rows { get; } = [];

    public List<LayoutCell> Row()
    {
        var r = new List<LayoutCell>();
        Rows.Add(r);
        return r;
    }
}

internal sealed class LayoutCell
{
    public List<string> Items { get; } = [];

    public LayoutCell()
    {
    }

    public LayoutCell(IEnumerable<string> items)
    {
        Items.AddRange(items.Where(i => i.Trim().Length > 0));
    }
}
