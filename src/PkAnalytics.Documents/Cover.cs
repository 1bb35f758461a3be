using System.Text.RegularExpressions;
using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Documents;

/// <summary>The cover of one agreement: its title line, the two parties, the signing place and date.</summary>
internal sealed class Cover
{
    public int TitleLine { get; set; }

    public int StartIndex { get; set; }

    /// <summary>Index of the first line after the parties block (where the date and signatures follow).</summary>
    public int PartiesEndIndex { get; set; }

    public required Party First { get; init; }

    public required Party Second { get; init; }

    public int FirstNameIndex { get; init; }

    public bool Amendment { get; set; }

    public int? TitleYear { get; set; }
}

internal static partial class CoverReader
{
    [GeneratedRegex(@"^\s*(?:nama|name)\b\s*(?::|$)\s*(?<v>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex NameLine();

    [GeneratedRegex(@"^\s*jabatan\b\s*(?::|$)\s*(?<v>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex PositionLine();

    [GeneratedRegex(@"\bPERJANJIAN\s+KINERJA\b", RegexOptions.IgnoreCase)]
    private static partial Regex Title();

    [GeneratedRegex(@"\bPERUBAHAN\b", RegexOptions.IgnoreCase)]
    private static partial Regex Amendment();

    [GeneratedRegex(@"\bTAHUN\s+(?<y>(?:19|20)\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TitleYear();

    [GeneratedRegex(@"^\s*LAMPIRAN\b", RegexOptions.IgnoreCase)]
    private static partial Regex Lampiran();

    [GeneratedRegex(@"^\s*(?:NIP|NIP\.)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Nip();

    /// <summary>Finds every cover (a Nama/Jabatan pair of the first party followed by the second party's pair).</summary>
    public static List<Cover> FindCovers(IReadOnlyList<SourceLine> lines)
    {
        var pairs = new List<(int NameIndex, int EndIndex, string Name, string Position)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var m = NameLine().Match(lines[i].Text);
            if (!m.Success || lines[i].Text.Length > 200)
            {
                continue;
            }

            var name = ValueAfter(lines, i, m.Groups["v"].Value, out var nameEnd);
            if (name.Length == 0)
            {
                continue;
            }

            // The position follows within a few lines (a NIP line may sit between).
            for (var j = nameEnd + 1; j < Math.Min(lines.Count, nameEnd + 6); j++)
            {
                if (lines[j].Blank || Nip().IsMatch(lines[j].Text))
                {
                    continue;
                }

                var p = PositionLine().Match(lines[j].Text);
                if (p.Success)
                {
                    var position = ValueAfter(lines, j, p.Groups["v"].Value, out var posEnd);
                    if (position.Length > 0)
                    {
                        pairs.Add((i, posEnd, name, position.TrimEnd(',', ';').Trim()));
                        i = posEnd;
                    }
                }

                break;
            }
        }

        var covers = new List<Cover>();
        for (var k = 0; k + 1 < pairs.Count; k++)
        {
            var a = pairs[k];
            var b = pairs[k + 1];
            var between = CountTextLines(lines, a.EndIndex + 1, b.NameIndex);
            if (between > 4)
            {
                continue;
            }

            // Which of the two is the first party: the text after each pair says "Pihak Pertama" / "Pihak Kedua".
            var roleA = RoleAfter(lines, a.EndIndex + 1, b.NameIndex);
            var first = roleA == 2 ? b : a;
            var second = roleA == 2 ? a : b;
            var cover = new Cover
            {
                First = new Party(first.Name, first.Position),
                Second = new Party(second.Name, second.Position),
                FirstNameIndex = a.NameIndex,
                PartiesEndIndex = b.EndIndex + 1,
            };
            FindTitle(lines, cover);
            covers.Add(cover);
            k++;
        }

        return covers;
    }

    private static int CountTextLines(IReadOnlyList<SourceLine> lines, int from, int to)
    {
        var n = 0;
        for (var i = from; i < to; i++)
        {
            if (!lines[i].Blank)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>1 when the text between the pairs names the first pair "Pihak Pertama"/"PIHAK KESATU", 2 for "Pihak Kedua", else 0.</summary>
    private static int RoleAfter(IReadOnlyList<SourceLine> lines, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var t = lines[i].Text.ToUpperInvariant();
            var p1 = Math.Max(t.IndexOf("PIHAK PERTAMA", StringComparison.Ordinal), t.IndexOf("PIHAK KESATU", StringComparison.Ordinal));
            var p2 = t.IndexOf("PIHAK KEDUA", StringComparison.Ordinal);
            if (p1 < 0 && p2 < 0)
            {
                continue;
            }

            // "selaku atasan Pihak Pertama, selanjutnya disebut Pihak Kedua": the role is the last one named.
            return p2 > p1 ? 2 : 1;
        }

        return 0;
    }

    /// <summary>The value of a "Nama"/"Jabatan" label: after the colon, or on the next non-blank line(s).</summary>
    private static string ValueAfter(IReadOnlyList<SourceLine> lines, int index, string inline, out int end)
    {
        end = index;
        var v = Text.Collapse(inline).TrimStart(':').Trim();
        if (v.Length > 0)
        {
            return v;
        }

        for (var j = index + 1; j < Math.Min(lines.Count, index + 4); j++)
        {
            if (lines[j].Blank)
            {
                continue;
            }

            var t = lines[j].Text;
            if (NameLine().IsMatch(t) || PositionLine().IsMatch(t))
            {
                return string.Empty;
            }

            end = j;
            return t.TrimStart(':').Trim();
        }

        return string.Empty;
    }

    /// <summary>The agreement line: the "PERJANJIAN KINERJA" title directly above the first party (only preamble between).</summary>
    private static void FindTitle(IReadOnlyList<SourceLine> lines, Cover cover)
    {
        var start = cover.FirstNameIndex;
        var seen = 0;
        var titleIndex = -1;
        for (var i = cover.FirstNameIndex - 1; i >= 0 && seen < 10; i--)
        {
            var line = lines[i];
            if (line.Blank)
            {
                continue;
            }

            seen++;
            if (line.IsRow || Lampiran().IsMatch(line.Text) || Dates.Find(line.Text) is not null)
            {
                break;
            }

            if (Title().IsMatch(line.Text))
            {
                titleIndex = i;
                // A two-line title "PERUBAHAN\nPERJANJIAN KINERJA" keeps the first of its lines.
                break;
            }
        }

        if (titleIndex >= 0)
        {
            start = titleIndex;
            for (var i = titleIndex; i < cover.FirstNameIndex; i++)
            {
                var t = lines[i].Text;
                if (Amendment().IsMatch(t) && i - titleIndex <= 1)
                {
                    cover.Amendment = true;
                }

                var y = TitleYear().Match(t);
                if (y.Success && cover.TitleYear is null)
                {
                    cover.TitleYear = int.Parse(y.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        cover.StartIndex = start;
        cover.TitleLine = lines[start].Number;
    }
}

/// <summary>Indonesian signing dates: "Malili, 4 Januari 2024", "Malili,      Maret 2024".</summary>
internal static partial class Dates
{
    [GeneratedRegex(@"(?:^|\s)(?<place>[A-Z][A-Za-z.'\- ]{1,40}?)\s*,\s*(?<day>\d{1,2})?\s*(?<month>Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Nopember|Desember)\s+(?<year>(?:19|20)\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateLine();

    public static (string Place, SigningDate Date)? Find(string text)
    {
        if (text.Length > 160 || text.IndexOf(',') < 0)
        {
            return null;
        }

        var m = DateLine().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var month = m.Groups["month"].Value.ToLowerInvariant() switch
        {
            "januari" => 1,
            "februari" or "pebruari" => 2,
            "maret" => 3,
            "april" => 4,
            "mei" => 5,
            "juni" => 6,
            "juli" => 7,
            "agustus" => 8,
            "september" => 9,
            "oktober" => 10,
            "november" or "nopember" => 11,
            _ => 12,
        };
        var year = int.Parse(m.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture);
        int? day = m.Groups["day"].Success ? int.Parse(m.Groups["day"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        if (day is < 1 or > 31)
        {
            return null;
        }

        if (day is { } d && d > DateTime.DaysInMonth(year, month))
        {
            day = null;
        }

        return (Text.Collapse(m.Groups["place"].Value), new SigningDate(year, month, day));
    }
}
