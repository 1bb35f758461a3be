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
    public void Break() => Blocks.Add(new LayoutParagraph(string.Empty));

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
