using System.Text.RegularExpressions;
using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Documents;

/// <summary>
/// Agreements without a Nama/Jabatan cover: a Lampiran page cut from a report, a workbook sheet per official, a
/// "Suplemen" page signed on its own. A section is a title ("PERJANJIAN KINERJA ...", "LAMPIRAN ...") followed by
/// a Lampiran 1 table; it is an agreement of its own when no cover precedes it, or when the agreement before it
/// already had its Lampiran 1 table closed by a signature block (and the section is not a repeated copy). Its
/// parties come from its signature block when that names them, else they stay unknown.
/// </summary>
internal static partial class Sections
{
    [GeneratedRegex(@"^\s*(?:PERNYATAAN\s+)?(?:PERUBAHAN\s+)?PERJANJIAN\s+KINERJA\b|^\s*LAMPIRAN\s*(?:1|I)?\b(?!\s*(?:2|II)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex SectionTitle();

    [GeneratedRegex(@"^\s*LAMPIRAN\s*(?:2|II)\b|PENJELASAN", RegexOptions.IgnoreCase)]
    private static partial Regex Lampiran2();

    [GeneratedRegex(@"\bPihak\s*(?:Pertama|Kesatu|Kedua)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PartyLabel();

    [GeneratedRegex(@"\bTAHUN\s+(?:ANGGARAN\s+)?(?<y>(?:19|20)\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Year();

    [GeneratedRegex(@"^(?:KEPALA|SEKRETARIS|WALIKOTA|WALI\s+KOTA|BUPATI|WAKIL|CAMAT|LURAH|INSPEKTUR|DIREKTUR|KASUBAG|KASUBBAG|KASI|KABID|KABAG|SEKDA|GUBERNUR|PLT\.?|PLH\.?|PJ\.?|ASISTEN|STAF|BENDAHARA|KOORDINATOR|KETUA|PEJABAT)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PositionWord();

    [GeneratedRegex(@"^(?:NIP|NRP|Pangkat|Golongan|Pembina|Penata|Pengatur|Juru|Gol\.?|\(|[\d\s.]+$)", RegexOptions.IgnoreCase)]
    private static partial Regex NotAName();

    /// <summary>Covers for the cover-less sections of the document, merged with the real covers in order.</summary>
    public static List<Cover> WithCoverless(IReadOnlyList<SourceLine> lines, List<Cover> covers)
    {
        var result = new List<Cover>(covers);
        var virtualCovers = new List<Cover>();
        string? previousHeaderKey = null;
        var headerSeenSinceStart = false;
        var closed = false;
        var coverIndex = 0;
        Cover? current = null;
        for (var i = 0; i < lines.Count; i++)
        {
            while (coverIndex < covers.Count && covers[coverIndex].StartIndex <= i)
            {
                current = covers[coverIndex];
                coverIndex++;
                headerSeenSinceStart = false;
                closed = false;
            }

            if (current is not null && i < current.PartiesEndIndex)
            {
                continue;
            }

            var line = lines[i];
            if (line.Blank)
            {
                continue;
            }

            if (IsTableHeader(line, out var performance))
            {
                if (performance)
                {
                    headerSeenSinceStart = true;
                }

                continue;
            }

            if (headerSeenSinceStart && !closed && (PartyLabel().IsMatch(line.Text) || Dates.Find(line.Text) is not null))
            {
                closed = true;
                continue;
            }

            if (line.NonEmpty > 1 || line.Text.Length > 120 || line.Text[0] is not ('P' or 'p' or 'L' or 'l' or ' ') || !SectionTitle().IsMatch(line.Text) || Lampiran2().IsMatch(line.Text))
            {
                continue;
            }

            // A title: does a Lampiran 1 table follow before the next title?
            var header = FollowingHeader(lines, i);
            if (header < 0)
            {
                continue;
            }

            var key = HeaderKey(lines, header);
            var own = current is null || closed;
            if (!own || (closed && key == previousHeaderKey))
            {
                previousHeaderKey = key;
                continue;
            }

            var cover = Virtual(lines, i);
            virtualCovers.Add(cover);
            current = cover;
            headerSeenSinceStart = false;
            closed = false;
            previousHeaderKey = key;
            i = header - 1;
        }

        if (covers.Count == 0 && virtualCovers.Count == 0)
        {
            // A Lampiran page cut from its document with no title above the table: the first performance table
            // starts the agreement.
            for (var i = 0; i < lines.Count; i++)
            {
                if (IsTableHeader(lines[i], out var performance) && performance)
                {
                    var start = i;
                    for (var k = i - 1; k >= 0 && k >= i - 4; k--)
                    {
                        if (!lines[k].Blank && !lines[k].IsRow && lines[k].Text.Length <= 120)
                        {
                            start = k;
                        }
                    }

                    virtualCovers.Add(Virtual(lines, start));
                    break;
                }
            }
        }

        result.AddRange(virtualCovers);
        result.Sort((a, b) => a.StartIndex.CompareTo(b.StartIndex));
        return result;
    }

    private static Cover Virtual(IReadOnlyList<SourceLine> lines, int titleIndex)
    {
        var cover = new Cover
        {
            First = new Party(string.Empty, string.Empty),
            Second = new Party(string.Empty, string.Empty),
            FirstNameIndex = titleIndex,
            StartIndex = titleIndex,
            PartiesEndIndex = titleIndex,
            TitleLine = lines[titleIndex].Number,
            Coverless = true,
        };
        for (var k = titleIndex; k < Math.Min(lines.Count, titleIndex + 4); k++)
        {
            var t = lines[k].Text;
            if (k > titleIndex && (lines[k].IsRow || lines[k].Blank && k > titleIndex + 1))
            {
                break;
            }

            if (Regex.IsMatch(t, @"\bPERUBAHAN\b", RegexOptions.IgnoreCase))
            {
                cover.Amendment = true;
            }

            var y = Year().Match(t);
            if (y.Success && cover.TitleYear is null)
            {
                cover.TitleYear = int.Parse(y.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return cover;
    }

    /// <summary>The index of a Lampiran 1 table header within a few lines after the title, or -1.</summary>
    private static int FollowingHeader(IReadOnlyList<SourceLine> lines, int title)
    {
        for (var k = title + 1; k < Math.Min(lines.Count, title + 12); k++)
        {
            if (IsTableHeader(lines[k], out _))
            {
                return k;
            }

            if (k > title + 1 && SectionTitle().IsMatch(lines[k].Text) && !lines[k].IsRow)
            {
                return -1;
            }
        }

        return -1;
    }

    private static string HeaderKey(IReadOnlyList<SourceLine> lines, int header)
    {
        var parts = new List<string>();
        for (var k = header; k < lines.Count && parts.Count < 4; k++)
        {
            if (!lines[k].Blank)
            {
                parts.Add(lines[k].Text);
            }
        }

        return string.Join("\n", parts);
    }

    /// <summary>A row naming indicator and target columns (performance) or a name and an amount column (budget).</summary>
    public static bool IsTableHeader(SourceLine line, out bool performance)
    {
        performance = false;
        if (!line.IsRow || line.Text.Length > 300)
        {
            return false;
        }

        var t = line.Text;
        if (t.IndexOf("ndikator", StringComparison.OrdinalIgnoreCase) < 0 && t.IndexOf("ndicator", StringComparison.OrdinalIgnoreCase) < 0
            && t.IndexOf("nggaran", StringComparison.OrdinalIgnoreCase) < 0 && t.IndexOf("pagu", StringComparison.OrdinalIgnoreCase) < 0
            && t.IndexOf("alokasi", StringComparison.OrdinalIgnoreCase) < 0 && t.IndexOf("(rp", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return false;
        }

        var kinds = new List<ColumnKind?>(line.Segments.Length);
        foreach (var segment in line.Segments)
        {
            if (segment.Length == 0)
            {
                continue;
            }

            var kind = Cells.HeaderKind(segment, out _);
            if (kind is null)
            {
                return false;
            }

            kinds.Add(kind);
        }

        performance = kinds.Contains(ColumnKind.Indicator) && kinds.Contains(ColumnKind.Target);
        return performance || (kinds.Contains(ColumnKind.Amount) && (kinds.Contains(ColumnKind.Name) || kinds.Contains(ColumnKind.Label)));
    }

    /// <summary>A row of a signature table: the signatories' positions side by side ("BUPATI ..." / "KEPALA DINAS
    /// ..."), or their NIP lines. It ends the Lampiran table above it.</summary>
    public static bool IsSignatureRow(SourceLine line)
    {
        if (!line.IsRow || line.NonEmpty < 2 || line.Text.Length > 200)
        {
            return false;
        }

        var cells = line.Segments.Where(x => x.Length > 0).ToList();
        return cells.All(c => c.Length <= 70 && PositionWord().IsMatch(c) && !c.Any(char.IsDigit))
               || cells.All(c => c.StartsWith("NIP", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The parties of a cover-less agreement from its signature block: names under "Pihak Kedua" /
    /// "Pihak Pertama" labels, or two positions with the names below them (the left signatory is the superior,
    /// the second party; the right one the first party). Null when the block does not name them.</summary>
    public static (Party First, Party Second)? SignatureParties(IReadOnlyList<SourceLine> lines, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var line = lines[i];
            if (!line.IsRow || line.NonEmpty != 2)
            {
                continue;
            }

            var cells = line.Segments.Select((s, c) => (Text: s, Column: c)).Where(x => x.Text.Length > 0).ToList();
            var labels = cells.Select(c => PartyLabel().Match(c.Text)).ToList();
            var labelled = labels.All(m => m.Success);
            var positions = cells.All(c => PositionWord().IsMatch(c.Text));
            if (!labelled && !positions)
            {
                continue;
            }

            // Positions wrap onto the rows right below (no blank line between).
            var positionTexts = cells.Select(c => labelled ? string.Empty : c.Text).ToArray();
            var k = i + 1;
            for (; k < to && !lines[k].Blank && !labelled; k++)
            {
                var next = lines[k];
                if (next.Segments.Where(s => s.Length > 0).Any(s => NotAName().IsMatch(s)))
                {
                    break;
                }

                for (var c = 0; c < cells.Count; c++)
                {
                    if (cells[c].Column < next.Segments.Length && next.Segments[cells[c].Column].Length > 0)
                    {
                        positionTexts[c] = positionTexts[c] + " " + next.Segments[cells[c].Column];
                    }
                }
            }

            // The names: the next non-blank row that is not a NIP / rank row.
            string?[] names = new string?[cells.Count];
            for (var n = k; n < Math.Min(to, k + 14); n++)
            {
                var row = lines[n];
                if (row.Blank || Dates.Find(row.Text) is not null)
                {
                    continue;
                }

                for (var c = 0; c < cells.Count; c++)
                {
                    var text = Nearest(row, cells[c].Column);
                    if (names[c] is null && text is { Length: > 3 } && !NotAName().IsMatch(text) && !PartyLabel().IsMatch(text) && !PositionWord().IsMatch(text))
                    {
                        names[c] = text;
                    }
                }

                if (names.All(x => x is not null))
                {
                    break;
                }
            }

            if (names.Any(x => x is null))
            {
                return null;
            }

            // Which is which: labels say it; else the left signatory is the superior.
            int firstIndex;
            if (labelled)
            {
                firstIndex = Regex.IsMatch(cells[0].Text, @"Kedua", RegexOptions.IgnoreCase) ? 1 : 0;
            }
            else
            {
                firstIndex = 1;
            }

            var secondIndex = 1 - firstIndex;
            return (new Party(names[firstIndex]!, Text.Collapse(positionTexts[firstIndex])), new Party(names[secondIndex]!, Text.Collapse(positionTexts[secondIndex])));
        }

        return null;
    }

    private static string? Nearest(SourceLine row, int column)
    {
        if (!row.Tabbed)
        {
            return null;
        }

        for (var d = 0; d <= 1; d++)
        {
            foreach (var c in new[] { column - d, column + d })
            {
                if (c >= 0 && c < row.Segments.Length && row.Segments[c].Length > 0)
                {
                    return row.Segments[c];
                }
            }
        }

        return null;
    }
}
