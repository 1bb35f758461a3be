using System.Text.RegularExpressions;

namespace PkAnalytics.Documents.Layout;

/// <summary>A word on a page with its box in points (origin top left).</summary>
internal sealed record PageWord(string Text, double X0, double Y0, double X1, double Y1)
{
    public double Height => Y1 - Y0;

    public double Yc => (Y0 + Y1) / 2;

    public double Xc => (X0 + X1) / 2;
}

/// <summary>A ruling line of a page (a table border), in points.</summary>
internal sealed record PageRule(bool Horizontal, double Position, double From, double To);

/// <summary>The words and ruling lines of one page, from the text layer or from OCR.</summary>
internal sealed class PageContent
{
    public double Width { get; init; }

    public double Height { get; init; }

    public List<PageWord> Words { get; init; } = [];

    public List<PageRule> Rules { get; set; } = [];

    /// <summary>The words came from OCR (tesseract, or an OCR layer in the PDF): OCR noise is corrected.</summary>
    public bool Ocr { get; set; }
}

/// <summary>
/// Rebuilds lines, paragraphs and tables (rows and cells) of a page from word positions: words on one baseline
/// form a line; a run of lines whose words leave the same vertical gutters free (or that ruling lines divide) is a
/// table whose columns are those gutters or rules; lines of one table row are joined cell by cell (a wrapped cell
/// stays in its cell, a merged cell in the row it starts), rows split at horizontal rules or, without rules, where
/// a line starts a new row by its position and content.
/// </summary>
internal static partial class PageLayout
{
    [GeneratedRegex(@"^(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[a-zA-Z][.)]|[IVX]{1,4}[.)]|[-•·▪*])$")]
    private static partial Regex RowLabel();

    [GeneratedRegex(@"^(?:\d{1,2}[.)]|[a-z][.)]|[-•·▪*])\s")]
    private static partial Regex ItemStart();

    private sealed class Line
    {
        public List<PageWord> Words { get; } = [];

        public double Y0 => Words.Min(w => w.Y0);

        public double Y1 => Words.Max(w => w.Y1);

        public double X0 => Words[0].X0;

        public double X1 => Words.Max(w => w.X1);

        public double Height => Median(Words.Select(w => w.Height));

        public double Yc => (Y0 + Y1) / 2;

        public List<List<PageWord>> Fragments { get; set; } = [];

        public string Text => string.Join(' ', Words.Select(w => w.Text));
    }

    public static void Append(LayoutDocument doc, PageContent page)
    {
        page.Rules = WithoutText(page.Rules, page.Words);
        var vertical = page.Rules.Where(r => !r.Horizontal).ToList();
        var words = SplitAtRules(page.Words, vertical);
        if (page.Ocr)
        {
            words = words.Select(w => OcrLexicon.Correct(w.Text) is var t && t != w.Text ? w with { Text = t } : w).ToList();
        }

        var lines = GroupLines(words);
        if (lines.Count == 0)
        {
            return;
        }

        var h = Median(lines.Select(l => l.Height));
        foreach (var line in lines)
        {
            line.Fragments = Fragments(line, vertical, h);
        }

        var i = 0;
        Line? previous = null;

        // The top of a page may hold the rest of a table row the page break split (a cell's last words alone on
        // a line): it belongs to the table that goes on below it.
        var firstRow = lines.FindIndex(l => l.Fragments.Count >= 2);
        if (firstRow is > 0 and <= 3)
        {
            var end = RegionEnd(lines, firstRow, page, h);
            var table = lines.GetRange(firstRow, end - firstRow);
            var x0 = table.Min(l => l.X0);
            var x1 = table.Max(l => l.X1);
            var lead = lines.Take(firstRow).ToList();
            if (end - firstRow >= 2 && lead.All(l => l.Fragments.Count == 1 && l.X0 > x0 + h && l.X1 <= x1 + h && l.X1 - l.X0 < 0.6 * (x1 - x0))
                && lines[firstRow].Y0 - lead[^1].Y1 < 1.5 * h && !lead.Any(l => l.Words[0].Text.All(c => !char.IsLower(c)) && l.Words.Count > 2))
            {
                EmitTable(doc, lines.GetRange(0, end), page, h);
                previous = lines[end - 1];
                i = end;
            }
        }

        while (i < lines.Count)
        {
            if (previous is not null && lines[i].Y0 - previous.Y1 > 1.1 * h)
            {
                doc.Break();
            }

            var end = RegionEnd(lines, i, page, h);
            if (end - i >= 2 && lines.Skip(i).Take(end - i).Count(l => l.Fragments.Count >= 2) >= 2)
            {
                EmitTable(doc, lines.GetRange(i, end - i), page, h);
                previous = lines[end - 1];
                i = end;
                continue;
            }

            var line = lines[i];
            if (line.Fragments.Count >= 2)
            {
                var row = doc.Table().Row();
                foreach (var f in line.Fragments)
                {
                    row.Add(new LayoutCell([Join(f)]));
                }
            }
            else
            {
                doc.Paragraph(line.Text);
            }

            previous = line;
            i++;
        }
    }

    /// <summary>Dark runs that are letters (a row of serifs, a bold word) and not ruling lines: most of the run lies
    /// inside word boxes, across their middle.</summary>
    private static List<PageRule> WithoutText(List<PageRule> rules, List<PageWord> words)
    {
        return rules.Where(r =>
        {
            double covered = 0;
            foreach (var w in words)
            {
                var margin = 0.2 * w.Height;
                if (r.Horizontal)
                {
                    if (r.Position > w.Y0 + margin && r.Position < w.Y1 - margin)
                    {
                        covered += Math.Max(0, Math.Min(r.To, w.X1) - Math.Max(r.From, w.X0));
                    }
                }
                else if (r.Position > w.X0 + 1 && r.Position < w.X1 - 1)
                {
                    covered += Math.Max(0, Math.Min(r.To, w.Y1) - Math.Max(r.From, w.Y0));
                }
            }

            return covered < 0.5 * (r.To - r.From);
        }).ToList();
    }

    /// <summary>A word that runs across a vertical ruling line (two cells' texts glued) is cut at the line, its
    /// letters shared out by width.</summary>
    private static List<PageWord> SplitAtRules(List<PageWord> words, List<PageRule> vertical)
    {
        if (vertical.Count == 0)
        {
            return words;
        }

        var result = new List<PageWord>(words.Count);
        foreach (var w in words)
        {
            var cut = vertical.FirstOrDefault(r => r.Position > w.X0 + 2 && r.Position < w.X1 - 2 && r.From <= w.Yc && r.To >= w.Yc);
            if (cut is null || w.Text.Length < 2)
            {
                result.Add(w);
                continue;
            }

            var share = (cut.Position - w.X0) / (w.X1 - w.X0);
            var k = Math.Clamp((int)Math.Round(share * w.Text.Length), 1, w.Text.Length - 1);

            // Letters are not equally wide: near the estimate, cut where the kind of character changes
            // ("5.250.000APBD" -> "5.250.000" + "APBD").
            for (var d = 0; d <= 3; d++)
            {
                var found = false;
                foreach (var c in new[] { k - d, k + d })
                {
                    if (c >= 1 && c < w.Text.Length && Kind(w.Text[c - 1]) != Kind(w.Text[c]))
                    {
                        k = c;
                        found = true;
                        break;
                    }
                }

                if (found)
                {
                    break;
                }
            }

            result.Add(w with { Text = w.Text[..k], X1 = cut.Position - 0.5 });
            result.Add(w with { Text = w.Text[k..], X0 = cut.Position + 0.5 });
        }

        return result;
    }

    private static int Kind(char c) => char.IsDigit(c) || c is '.' or ',' ? 0 : char.IsUpper(c) ? 1 : char.IsLower(c) ? 2 : 3;

    private static List<Line> GroupLines(List<PageWord> words)
    {
        var lines = new List<Line>();
        foreach (var w in words.Where(w => w.Text.Trim().Length > 0).OrderBy(w => w.Y0).ThenBy(w => w.X0))
        {
            Line? best = null;
            var bestOverlap = 0.0;
            for (var k = lines.Count - 1; k >= 0 && k >= lines.Count - 12; k--)
            {
                var l = lines[k];
                var overlap = Math.Min(l.Y1, w.Y1) - Math.Max(l.Y0, w.Y0);
                var need = 0.5 * Math.Min(l.Height, w.Height);
                if (overlap >= need && overlap > bestOverlap && !l.Words.Any(x => x.X0 < w.X1 && w.X0 < x.X1))
                {
                    best = l;
                    bestOverlap = overlap;
                }
            }

            if (best is null)
            {
                best = new Line();
                lines.Add(best);
            }

            best.Words.Add(w);
        }

        foreach (var l in lines)
        {
            l.Words.Sort((a, b) => a.X0.CompareTo(b.X0));
        }

        lines.Sort((a, b) => a.Yc.CompareTo(b.Yc));
        return lines;
    }

    /// <summary>Runs of words of a line separated by a wide gap or a vertical ruling line.</summary>
    private static List<List<PageWord>> Fragments(Line line, List<PageRule> vertical, double h)
    {
        var result = new List<List<PageWord>> { new() { line.Words[0] } };
        var gapLimit = Math.Max(1.1 * line.Height, 0.9 * h);
        for (var k = 1; k < line.Words.Count; k++)
        {
            var a = line.Words[k - 1];
            var b = line.Words[k];
            var gap = b.X0 - a.X1;
            var ruled = vertical.Any(r => r.Position >= a.X1 - 1 && r.Position <= b.X0 + 1 && r.From <= b.Yc && r.To >= b.Yc);
            if (gap > gapLimit || ruled)
            {
                result.Add([]);
            }

            result[^1].Add(b);
        }

        return result;
    }

    /// <summary>The end (exclusive) of a table region starting at line <paramref name="start"/>: the following lines
    /// while they keep to the columns (several fragments, or one narrow fragment close below); a wide single line
    /// (running text) or a large gap ends it.</summary>
    private static int RegionEnd(List<Line> lines, int start, PageContent page, double h)
    {
        if (lines[start].Fragments.Count < 2)
        {
            return start;
        }

        var x0 = lines[start].X0;
        var x1 = lines[start].X1;
        var end = start + 1;
        for (var j = start + 1; j < lines.Count; j++)
        {
            var l = lines[j];
            var gap = l.Y0 - lines[j - 1].Y1;
            var ruledAcross = page.Rules.Any(r => !r.Horizontal && r.From <= lines[j - 1].Yc && r.To >= l.Yc && r.Position >= x0 - 5 && r.Position <= x1 + 5);
            if (gap > 3.5 * h && !ruledAcross)
            {
                break;
            }

            if (!ruledAcross && IsHeaderLine(l))
            {
                // Another table's header ("No | Program | Anggaran" under the indicator table): a new table.
                break;
            }

            if (l.Fragments.Count < 2)
            {
                var width = l.X1 - l.X0;
                var span = Math.Max(x1 - x0, 1);
                if (!ruledAcross && (width > 0.6 * span || l.X0 > x1 || l.X1 < x0 || gap > 1.6 * h))
                {
                    break;
                }
            }

            x0 = Math.Min(x0, l.X0);
            x1 = Math.Max(x1, l.X1);
            end = j + 1;
        }

        // Trailing single lines that are not followed by another row do not belong to the table when they stand
        // far below it (a signature line).
        return end;
    }

    /// <summary>A line whose fragments are all column headings (No, Sasaran, Indikator, Target, Program, Anggaran ...).</summary>
    private static bool IsHeaderLine(Line line) =>
        line.Fragments.Count >= 2 && line.Fragments.All(f => Cells.HeaderKind(Join(f), out _) is not null);

    private static void EmitTable(LayoutDocument doc, List<Line> lines, PageContent page, double h)
    {
        var left = lines.Min(l => l.X0);
        var right = lines.Max(l => l.X1);

        // Ruled tables: groups of vertical rules whose heights overlap (one table's borders); two tables one
        // below the other are two groups. Each line belongs to the group whose rules run beside it.
        var vertical = page.Rules.Where(r => !r.Horizontal && r.Position >= left - 3 * h && r.Position <= right + 3 * h && r.To - r.From > h)
            .OrderBy(r => r.From).ToList();
        var groups = new List<(double From, double To, List<PageRule> Rules)>();
        foreach (var r in vertical)
        {
            var g = groups.FindIndex(x => r.From <= x.To + 3 && r.To >= x.From - 3);
            if (g >= 0)
            {
                var x = groups[g];
                x.Rules.Add(r);
                groups[g] = (Math.Min(x.From, r.From), Math.Max(x.To, r.To), x.Rules);
            }
            else
            {
                groups.Add((r.From, r.To, [r]));
            }
        }

        groups = groups.Where(g => g.Rules.Count >= 2).ToList();
        int GroupOf(Line l) => groups.FindIndex(g => l.Yc >= g.From - 1 && l.Yc <= g.To + 1);

        var k = 0;
        while (k < lines.Count)
        {
            var g = GroupOf(lines[k]);
            var end = k + 1;
            while (end < lines.Count && GroupOf(lines[end]) == g)
            {
                end++;
            }

            var part = lines.GetRange(k, end - k);
            if (g < 0)
            {
                EmitBorderless(doc, part, page, h);
            }
            else
            {
                var (from, to, rules) = groups[g];
                var horizontal = MergeSegments(page.Rules.Where(r => r.Horizontal && r.Position >= from - 3 && r.Position <= to + 3
                                                                     && r.To - r.From > 0.15 * (right - left)).ToList());
                if (horizontal.Count < 2 || horizontal[0].Position > from + h)
                {
                    horizontal.Insert(0, new PageRule(true, from, rules.Min(r => r.Position), rules.Max(r => r.Position)));
                }

                if (horizontal[^1].Position < to - h)
                {
                    horizontal.Add(new PageRule(true, to, rules.Min(r => r.Position), rules.Max(r => r.Position)));
                }

                EmitPart(doc, part, page, h, horizontal, rules);
            }

            k = end;
        }
    }

    /// <summary>
    /// A borderless part: the sentence that names a party after its Nama/Jabatan lines ("selanjutnya disebut PIHAK
    /// PERTAMA", "selaku atasan langsung ...") runs across the columns of those lines but is not a row of them; left
    /// in, a long Jabatan that wraps made it a continuation of the Jabatan row and cut it into its columns.
    /// </summary>
    private static void EmitBorderless(LayoutDocument doc, List<Line> lines, PageContent page, double h)
    {
        var start = 0;
        for (var k = 0; k < lines.Count; k++)
        {
            if (lines[k].Fragments.Count <= 1 && PartySentence().IsMatch(lines[k].Text))
            {
                EmitPart(doc, lines.GetRange(start, k - start), page, h, [], []);
                doc.Paragraph(lines[k].Text);
                start = k + 1;
            }
        }

        EmitPart(doc, lines.GetRange(start, lines.Count - start), page, h, [], []);
    }

    [GeneratedRegex(@"^(?:yang\s+)?(?:selanjutnya|selaku|dalam\s+hal\s+ini|bertindak\s+(?:untuk|atas))\b", RegexOptions.IgnoreCase)]
    private static partial Regex PartySentence();

    /// <summary>Pieces of one horizontal rule (a scan or the raster broke it) joined when they lie on one line with
    /// a small gap; a gap as wide as a column is a merged cell and stays.</summary>
    private static List<PageRule> MergeSegments(List<PageRule> rules)
    {
        var result = new List<PageRule>();
        foreach (var r in rules.OrderBy(r => r.Position).ThenBy(r => r.From))
        {
            var k = result.FindIndex(x => Math.Abs(x.Position - r.Position) <= 3 && r.From <= x.To + 12 && x.From <= r.To + 12);
            if (k >= 0)
            {
                var x = result[k];
                result[k] = x with { From = Math.Min(x.From, r.From), To = Math.Max(x.To, r.To) };
            }
            else
            {
                result.Add(r);
            }
        }

        return result.OrderBy(r => r.Position).ToList();
    }

    private static void EmitPart(LayoutDocument doc, List<Line> lines, PageContent page, double h, List<PageRule> horizontal, List<PageRule> vertical)
    {
        if (lines.Count == 0)
        {
            return;
        }

        if (horizontal.Count == 0 && (lines.Count < 2 || lines.Count(l => l.Fragments.Count >= 2) < 2))
        {
            foreach (var line in lines)
            {
                if (line.Fragments.Count >= 2)
                {
                    var single = doc.Table().Row();
                    single.AddRange(line.Fragments.Select(f => new LayoutCell([Join(f)])));
                }
                else
                {
                    doc.Paragraph(line.Text);
                }
            }

            return;
        }

        var top = horizontal.Count > 0 ? horizontal[0].Position : lines.Min(l => l.Y0) - 0.5 * h;
        var bottom = horizontal.Count > 0 ? horizontal[^1].Position : lines.Max(l => l.Y1) + 0.5 * h;
        var left = lines.Min(l => l.X0);
        var right = lines.Max(l => l.X1);
        var bounds = ColumnBounds(lines, vertical, top, bottom, left, right, h);
        int ColumnOf(double x)
        {
            var c = 0;
            while (c < bounds.Count && x > bounds[c])
            {
                c++;
            }

            return c;
        }

        var columns = bounds.Count + 1;
        var multi = lines.Where(l => l.Fragments.Count >= 2).ToList();

        if (horizontal.Count == 0 && multi.Count(l => l.Fragments.Count > columns) > 0.3 * multi.Count)
        {
            // The lines do not share columns (no gutter runs through them): each line is a row of its fragments.
            foreach (var line in lines)
            {
                var single = doc.Table().Row();
                single.AddRange(line.Fragments.Select(f => new LayoutCell([Join(f)])));
            }

            return;
        }

        var table = doc.Table();
        var rows = horizontal.Count >= 2 ? RowsByRules(lines, horizontal, bounds, columns, ColumnOf, page.Ocr) : RowsByContent(lines, bounds, columns, ColumnOf, h);
        foreach (var row in rows)
        {
            if (row.All(c => c.Count == 0))
            {
                continue;
            }

            var r = table.Row();
            foreach (var cellLines in row)
            {
                r.Add(new LayoutCell(CellItems(cellLines)));
            }
        }
    }

    /// <summary>Column boundaries: vertical ruling lines across the table, else the gutters that every multi-cell
    /// line of the table leaves free.</summary>
    private static List<double> ColumnBounds(List<Line> lines, List<PageRule> vertical, double top, double bottom, double left, double right, double h)
    {
        var height = bottom - top;
        var ruled = vertical.Where(r => !r.Horizontal && r.Position > left - 3 * h && r.Position < right + 3 * h
                                          && Math.Min(r.To, bottom) - Math.Max(r.From, top) > 0.5 * height)
            .Select(r => r.Position).Order().ToList();
        var bounds = new List<double>();
        foreach (var x in ruled)
        {
            if (x > left + 2 && x < right - 2 && (bounds.Count == 0 || x - bounds[^1] > 4))
            {
                bounds.Add(x);
            }
        }

        if (bounds.Count > 0)
        {
            return bounds;
        }

        // Gutters: x ranges no word of a multi-fragment line covers.
        var multi = lines.Where(l => l.Fragments.Count >= 2).ToList();
        var step = 1.0;
        var n = (int)Math.Ceiling((right - left) / step) + 1;
        var covered = new bool[n];
        foreach (var w in multi.SelectMany(l => l.Words))
        {
            for (var x = (int)((w.X0 - left) / step); x <= (int)((w.X1 - left) / step) && x < n; x++)
            {
                if (x >= 0)
                {
                    covered[x] = true;
                }
            }
        }

        var minGutter = Math.Max(0.6 * h, 4);
        var run = 0;
        for (var x = 0; x < n; x++)
        {
            if (!covered[x])
            {
                run++;
                continue;
            }

            if (run * step >= minGutter && x - run > 0)
            {
                bounds.Add(left + (x - run / 2.0) * step);
            }

            run = 0;
        }

        // A gutter that runs between two words of one fragment (a cell's text with normal spacing) in a good share
        // of the lines is a gap of the wording, not a column border: columns that are not aligned.
        var spacing = Median(multi.SelectMany(l => l.Fragments).SelectMany(f => f.Zip(f.Skip(1), (a, b) => b.X0 - a.X1)).Where(g => g > 0));
        return bounds.Where(b =>
        {
            var both = 0;
            var cuts = 0;
            foreach (var l in multi)
            {
                if (l.X0 < b && l.X1 > b)
                {
                    both++;
                    if (l.Fragments.Any(f => f[0].X0 < b && f[^1].X1 > b && CutsWording(f, b, spacing)))
                    {
                        cuts++;
                    }
                }
            }

            return cuts == 0 || cuts < 0.25 * both;
        }).ToList();
    }

    /// <summary>The bound runs through a word, or between two words at about the usual word spacing of the table
    /// (<paramref name="spacing"/>): it cuts the wording. Between two words much further apart it is a column gap the
    /// fragment happened to bridge (columns that nearly touch).</summary>
    private static bool CutsWording(List<PageWord> fragment, double bound, double spacing)
    {
        for (var k = 0; k < fragment.Count; k++)
        {
            if (fragment[k].X0 < bound && fragment[k].X1 > bound)
            {
                return true;
            }

            if (k + 1 < fragment.Count && fragment[k].X1 <= bound && fragment[k + 1].X0 >= bound)
            {
                return fragment[k + 1].X0 - fragment[k].X1 < 2 * spacing;
            }
        }

        return false;
    }

    private static List<List<List<Line>>> RowsByRules(List<Line> lines, List<PageRule> horizontal, List<double> bounds, int columns, Func<double, int> columnOf, bool ocr)
    {
        // Row boundaries: the rules' positions (rules a few points apart are one).
        var ys = new List<double>();
        foreach (var r in horizontal)
        {
            if (ys.Count == 0 || r.Position - ys[^1] > 3)
            {
                ys.Add(r.Position);
            }
        }

        double ColumnCenter(int c)
        {
            var a = c == 0 ? double.MinValue : bounds[c - 1];
            var b = c == bounds.Count ? double.MaxValue : bounds[c];
            if (a == double.MinValue)
            {
                return b - 5;
            }

            return b == double.MaxValue ? a + 5 : (a + b) / 2;
        }

        bool Divides(int boundary, int column)
        {
            var x = ColumnCenter(column);
            return horizontal.Any(r => Math.Abs(r.Position - ys[boundary]) <= 3 && r.From <= x && r.To >= x);
        }

        var rowCount = ys.Count + 1;
        var rows = new List<List<List<Line>>>();
        for (var r = 0; r < rowCount; r++)
        {
            rows.Add(Enumerable.Range(0, columns).Select(_ => new List<Line>()).ToList());
        }

        var placed = new List<(Line Line, PageWord Word, int Row, int Column)>();
        foreach (var line in lines)
        {
            foreach (var w in line.Words)
            {
                var row = 0;
                while (row < ys.Count && w.Yc > ys[row])
                {
                    row++;
                }

                var c = columnOf(w.Xc);
                placed.Add((line, w, row, c));
            }
        }

        // A merged cell: rows with no rule between them in this column. On a page drawn by a program its rules are
        // exact, so the whole text of the merged cell belongs to its first row, wherever it sits (Word and
        // LibreOffice centre it vertically by default: the first rows of the span look empty). On a scan a rule the
        // raster missed looks the same, so only a continuation (a lower-case start, or after a connecting word)
        // joins the row above there; a capitalised new cell keeps its own row.
        var cellsFirst = placed.GroupBy(p => (p.Row, p.Column)).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Line.Yc).ThenBy(p => p.Word.X0).ToList());
        var target = new Dictionary<(int, int), int>();
        foreach (var key in cellsFirst.Keys.OrderBy(k => k.Row))
        {
            var (row, c) = key;
            var to = row;
            if (!ocr)
            {
                while (to > 0 && !Divides(to - 1, c))
                {
                    to--;
                }
            }
            else if (row > 0 && !Divides(row - 1, c))
            {
                var above = row - 1;
                while (above > 0 && !cellsFirst.ContainsKey((above, c)) && !Divides(above - 1, c))
                {
                    above--;
                }

                if (cellsFirst.TryGetValue((above, c), out var upper) && Continues(upper[^1].Word.Text, cellsFirst[key][0].Word.Text))
                {
                    to = target.TryGetValue((above, c), out var t) ? t : above;
                }
            }

            target[key] = to;
        }

        foreach (var (line, w, row, c) in placed)
        {
            AddWord(rows[target[(row, c)]][c], line, w);
        }

        return rows;
    }

    private static readonly HashSet<string> Connectives = new(StringComparer.OrdinalIgnoreCase)
    {
        "dan", "yang", "dalam", "untuk", "di", "ke", "dari", "serta", "atau", "pada", "terhadap", "dengan", "oleh", "bagi", "melalui", "sebagai", "&",
    };

    private static bool Continues(string lastWordAbove, string firstWordBelow) =>
        firstWordBelow.Length > 0 && (char.IsLower(firstWordBelow[0]) || Connectives.Contains(lastWordAbove.TrimEnd(',', ';')));

    private static List<List<List<Line>>> RowsByContent(List<Line> lines, List<double> bounds, int columns, Func<double, int> columnOf, double h)
    {
        var rows = new List<List<List<Line>>>();
        List<List<Line>>? current = null;
        Line? previous = null;
        foreach (var line in lines)
        {
            var cells = Enumerable.Range(0, columns).Select(_ => new List<PageWord>()).ToList();
            foreach (var w in line.Words)
            {
                cells[columnOf(w.Xc)].Add(w);
            }

            var startsRow = current is null || previous is null || line.Y0 - previous.Y1 > 0.8 * h;
            if (!startsRow && current is not null)
            {
                var firstColumn = cells.FindIndex(c => c.Count > 0);
                if (firstColumn == 0 && RowLabel().IsMatch(cells[0][0].Text))
                {
                    startsRow = true;
                }

                for (var c = 0; c < columns && !startsRow; c++)
                {
                    if (cells[c].Count == 0 || current[c].Count == 0)
                    {
                        continue;
                    }

                    var before = string.Join(' ', current[c].SelectMany(l => l.Words.Where(w => columnOf(w.Xc) == c)).Select(w => w.Text));
                    var now = string.Join(' ', cells[c].Select(w => w.Text));
                    // A second value under a value, or anything under a complete amount: the next row. A total
                    // ("Jumlah", "Total") is a row of its own.
                    if ((IsValue(before) && IsValue(now)) || (IsAmount(before) && now.Length > 0) || Cells.IsTotal(now))
                    {
                        startsRow = true;
                    }
                }
            }

            if (startsRow)
            {
                current = Enumerable.Range(0, columns).Select(_ => new List<Line>()).ToList();
                rows.Add(current);
            }

            for (var c = 0; c < columns; c++)
            {
                foreach (var w in cells[c])
                {
                    AddWord(current![c], line, w);
                }
            }

            previous = line;
        }

        // A merged cell's text that goes on in the next row (a column some rows leave empty, such as an objective
        // over several indicators): a continuation that starts lower case belongs to the row above.
        for (var c = 0; c < columns; c++)
        {
            if (!rows.Skip(1).Any(r => r[c].Count == 0))
            {
                continue;
            }

            for (var r = rows.Count - 1; r >= 1; r--)
            {
                if (rows[r][c].Count > 0 && rows[r - 1][c].Count > 0 && rows[r][c][0].Words is [var firstWord, ..] && firstWord.Text.Length > 0 && char.IsLower(firstWord.Text[0]))
                {
                    rows[r - 1][c].AddRange(rows[r][c]);
                    rows[r][c].Clear();
                }
            }
        }

        return rows;
    }

    private static bool IsAmount(string text) => text.Count(char.IsDigit) >= 5 && Numbers.LooksLikeAmount(text);

    /// <summary>A short value cell (a number, a percentage, a unit word): a second one below it is a new row.</summary>
    private static bool IsValue(string text)
    {
        var t = text.Trim();
        if (t is "Rp" or "Rp." or "RP" or "RP." or "Rp," or "IDR")
        {
            // A currency mark waits for its amount (often wrapped onto the next line of the cell).
            return false;
        }

        return t.Length > 0 && t.Length <= 24 && (t.Any(char.IsDigit) || t.Split(' ').Length <= 2 && char.IsUpper(t[0]));
    }

    /// <summary>Adds a word to a cell, keeping the cell's words grouped by the line they stand on.</summary>
    private static void AddWord(List<Line> cell, Line line, PageWord word)
    {
        var target = cell.Count > 0 && Math.Abs(cell[^1].Yc - line.Yc) < 0.5 * line.Height ? cell[^1] : null;
        if (target is null)
        {
            target = new Line();
            cell.Add(target);
        }

        target.Words.Add(word);
    }

    /// <summary>The paragraphs of a cell: its lines joined with spaces; a line that starts with an item label
    /// ("1.", "a.", "-") starts a new item.</summary>
    private static List<string> CellItems(List<Line> cellLines)
    {
        var items = new List<string>();
        foreach (var l in cellLines.OrderBy(l => l.Yc))
        {
            var text = Join(l.Words.OrderBy(w => w.X0).ToList());
            if (items.Count == 0 || ItemStart().IsMatch(text))
            {
                items.Add(text);
            }
            else
            {
                items[^1] = LayoutDocument.JoinWrapped(items[^1], text);
            }
        }

        return items;
    }

    private static string Join(List<PageWord> words) => string.Join(' ', words.Select(w => w.Text));

    internal static double Median(IEnumerable<double> values)
    {
        var list = values.Order().ToList();
        return list.Count == 0 ? 10 : list[list.Count / 2];
    }
}
