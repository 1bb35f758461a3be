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

    public required Party First { get; set; }

    public required Party Second { get; set; }

    /// <summary>No Nama/Jabatan cover: a Lampiran section standing on its own (see <see cref="Sections"/>).</summary>
    public bool Coverless { get; init; }

    public int FirstNameIndex { get; init; }

    public bool Amendment { get; set; }

    public int? TitleYear { get; set; }
}

internal static partial class CoverReader
{
    // "Nama : X", "Nama" alone (value below), or "Nama   X" without a colon when X starts like a name.
    [GeneratedRegex(@"^\s*(?:(?:\d{1,2}|[a-z])[.)]\s*)?(?i:nama|name)\b(?:\s*:|\s*$|\s+(?=\p{Lu}|(?i:dr|drs|ir|hj?|prof)\.))\s*(?<v>.*)$")]
    private static partial Regex NameLine();

    [GeneratedRegex(@"^\s*(?:(?:\d{1,2}|[a-z])[.)]\s*)?(?i:jabatan)\b(?:\s*:|\s*$|\s+(?=\p{Lu}))\s*(?<v>.*)$")]
    private static partial Regex PositionLine();

    [GeneratedRegex(@"^(?<name>.+?)[,;]\s*(?i:jabatan)\s*:\s*(?<position>.+?)(?:[,;]\s*(?i:selanjutnya|selaku|dalam\s+hal\s+ini|yang\s+selanjutnya)\b.*)?$")]
    private static partial Regex InlinePair();

    /// <summary>Words that start the sentence after a party block, not a wrapped position.</summary>
    [GeneratedRegex(@"^(?:selanjutnya|selaku|pihak|yang|dalam|sebagai|bertindak|untuk|dan\s+disebut|disebut|nip|nrp|pangkat|golongan|gol|unit|instansi|alamat|nama|jabatan)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotAPositionLine();

    [GeneratedRegex(@"\bPERJANJIAN\s+KINERJA\b", RegexOptions.IgnoreCase)]
    private static partial Regex Title();

    [GeneratedRegex(@"\bPERUBAHAN\b", RegexOptions.IgnoreCase)]
    private static partial Regex Amendment();

    [GeneratedRegex(@"\bTAHUN\s+(?:ANGGARAN\s+)?(?<y>(?:19|20)\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TitleYear();

    [GeneratedRegex(@"^\s*LAMPIRAN\b", RegexOptions.IgnoreCase)]
    private static partial Regex Lampiran();

    /// <summary>Other "Label : value" lines of a party block (NIP, Pangkat/Golongan, Unit Kerja) between Nama and Jabatan.</summary>
    [GeneratedRegex(@"^\s*(?:(?:\d{1,2}|[a-z])[.)]\s*)?(?:NIP|NRP|Pangkat|Golongan|Pangkat\s*/\s*Gol(?:ongan)?\.?|Gol(?:ongan)?\.?|Unit\s+Kerja|Instansi)\b[^:]{0,20}:?", RegexOptions.IgnoreCase)]
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

            // "1. Nama : X, Jabatan : Y, selanjutnya disebut PIHAK PERTAMA;": the pair written on one line.
            if (InlinePair().Match(m.Groups["v"].Value) is { Success: true } inline)
            {
                pairs.Add((i, i, inline.Groups["name"].Value.Trim().TrimEnd(',', ';').Trim(), inline.Groups["position"].Value.Trim().TrimEnd(',', ';', '.').Trim()));
                continue;
            }

            var name = ValueAfter(lines, i, m.Groups["v"].Value, out var nameEnd);
            if (name.Length == 0)
            {
                continue;
            }

            // The position follows within a few lines (a NIP line may sit between).
            for (var j = nameEnd + 1; j < Math.Min(lines.Count, nameEnd + 9); j++)
            {
                if (lines[j].Blank || Nip().IsMatch(lines[j].Text))
                {
                    continue;
                }

                var p = PositionLine().Match(lines[j].Text);
                if (p.Success)
                {
                    var position = ValueAfter(lines, j, p.Groups["v"].Value, out var posEnd);

                    // A position wrapping onto the next line ("KEPALA DINAS PEMBERDAYAAN MASYARAKAT" / "DAN DESA").
                    if (position.Length > 0 && posEnd + 1 < lines.Count && lines[posEnd + 1] is { Blank: false } next
                        && next.Text.Length <= 60 && !next.Text.Contains(':') && !NotAPositionLine().IsMatch(next.Text)
                        && (position.Any(char.IsLower) || !next.Text.Any(char.IsLower)) && !next.IsRow && next.Text.Any(char.IsLetter)
                        && !Title().IsMatch(next.Text) && Dates.Find(next.Text) is null)
                    {
                        position = position + " " + next.Text;
                        posEnd++;
                    }

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

            // Which of the two is the first party: "... disebut Pihak Pertama" after a pair names that pair; a bare
            // "PIHAK KEDUA" heading between the pairs names the pair that follows it.
            var roleA = RoleOf(lines, a.NameIndex, a.EndIndex + 1, b.NameIndex);
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

    /// <summary>The role (1 = first party, 2 = second party) of the pair starting at <paramref name="nameIndex"/>, from
    /// the words around it; 0 when the text does not say (the first pair is then the first party).</summary>
    private static int RoleOf(IReadOnlyList<SourceLine> lines, int nameIndex, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var t = lines[i].Text.ToUpperInvariant();
            var role = LastRole(t);
            if (role == 0)
            {
                continue;
            }

            if (t.Contains("DISEBUT", StringComparison.Ordinal) || t.Contains("SEBAGAI", StringComparison.Ordinal))
            {
                // "selaku atasan Pihak Pertama, selanjutnya disebut Pihak Kedua": the role is the last one named.
                return role;
            }

            if (t.Length <= 30)
            {
                // A heading for the next pair: this pair has the other role.
                return role == 1 ? 2 : 1;
            }
        }

        // A heading above the pair ("PIHAK PERTAMA" / "PIHAK KESATU").
        for (var i = nameIndex - 1; i >= 0 && i >= nameIndex - 3; i--)
        {
            var t = lines[i].Text.ToUpperInvariant();
            if (t.Length is > 0 and <= 30 && LastRole(t) is var role and > 0)
            {
                return role;
            }
        }

        return 0;
    }

    private static int LastRole(string upper)
    {
        var p1 = Math.Max(upper.LastIndexOf("PIHAK PERTAMA", StringComparison.Ordinal), upper.LastIndexOf("PIHAK KESATU", StringComparison.Ordinal));
        var p2 = upper.LastIndexOf("PIHAK KEDUA", StringComparison.Ordinal);
        if (p1 < 0 && p2 < 0)
        {
            return 0;
        }

        return p2 > p1 ? 2 : 1;
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
            // "PERUBAHAN" alone on the line above the "PERJANJIAN KINERJA" line belongs to the title.
            for (var i = titleIndex - 1; i >= 0 && i >= titleIndex - 2; i--)
            {
                if (lines[i].Blank)
                {
                    continue;
                }

                if (lines[i].Text.Length <= 40 && Amendment().IsMatch(lines[i].Text) && !lines[i].IsRow)
                {
                    titleIndex = i;
                }

                break;
            }

            start = titleIndex;
            for (var i = titleIndex; i < cover.FirstNameIndex; i++)
            {
                var t = lines[i].Text;
                if (Amendment().IsMatch(t) && i - titleIndex <= 2)
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
    [GeneratedRegex(@"(?:^|\s)(?<place>[A-Z][A-Za-z.'\- ]{1,40}?)\s*,\s*(?:(?:tanggal|tgl\.?)\s+)?(?:(?<day>\d{1,2})|[._…]{2,}|…)?\s*(?<month>Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Nopember|Desember|Jan|Feb|Peb|Mar|Apr|Jun|Jul|Agu|Agt|Ags|Agust|Sep|Sept|Okt|Nov|Nop|Des)\.?\s+(?<year>(?:19|20)\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateLine();

    [GeneratedRegex(@"(?:^|\s)(?<place>[A-Z][A-Za-z.'\- ]{1,40}?)\s*,\s*(?:(?:[Tt]anggal|[Tt]gl\.?)\s+)?(?<day>\d{1,2})[-/.](?<month>\d{1,2})[-/.](?<year>(?:19|20)\d\d)\b")]
    private static partial Regex NumericDateLine();

    private static readonly string[] MonthStems = ["jan", "feb", "peb", "mar", "apr", "mei", "jun", "jul", "ag", "sep", "okt", "nov", "nop", "des"];

    private static bool HasYear(string text)
    {
        for (var i = 0; i + 3 < text.Length; i++)
        {
            if ((text[i] == '2' && text[i + 1] == '0' || text[i] == '1' && text[i + 1] == '9') && char.IsDigit(text[i + 2]) && char.IsDigit(text[i + 3]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasMonth(string text)
    {
        foreach (var m in MonthStems)
        {
            if (text.Contains(m, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] MonthNames =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    /// <summary>A signing date written the Indonesian way ("5 Januari 2024", or "Januari 2024" without a day), for finding messages.</summary>
    public static string Indonesian(SigningDate date)
    {
        var month = date.Month is >= 1 and <= 12 ? MonthNames[date.Month - 1] : date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var year = date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return date.Day is { } d ? $"{d.ToString(System.Globalization.CultureInfo.InvariantCulture)} {month} {year}" : $"{month} {year}";
    }

    [GeneratedRegex(@"^(?:(?:pihak|pertama|kedua|kesatu|ttd\.?|mengetahui|menyetujui|a\.n\.?)\s+)+", RegexOptions.IgnoreCase)]
    private static partial Regex PartyWords();

    /// <summary>The place, without a party's words a table row glued before it ("PIHAK KEDUA Malili").</summary>
    private static string Place(string raw) => PartyWords().Replace(Text.Collapse(raw), string.Empty).Trim();

    [GeneratedRegex(@"(?:^|\s)(?<place>[A-Z][A-Za-z.'\- ]{1,40}?)\s*,\s*(?:[._…]{2,}\s*)+(?<year>(?:19|20)\d\d)\s*$")]
    private static partial Regex YearOnlyLine();

    /// <summary>"Malili, ............ 2025": the place and only the year (day and month left blank).</summary>
    public static (string Place, int Year)? FindYearOnly(string text)
    {
        if (text.Length > 120 || text.IndexOf(',') < 0)
        {
            return null;
        }

        var m = YearOnlyLine().Match(text);
        return m.Success ? (Place(m.Groups["place"].Value), int.Parse(m.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture)) : null;
    }

    public static (string Place, SigningDate Date)? Find(string text)
    {
        if (text.Length > 160 || text.IndexOf(',') < 0 || !HasYear(text) || !(HasMonth(text) || text.Contains('/') || text.Contains('-')))
        {
            return null;
        }

        var m = DateLine().Match(text);
        int month;
        if (m.Success)
        {
            month = m.Groups["month"].Value.ToLowerInvariant()[..3] switch
            {
                "jan" => 1,
                "feb" or "peb" => 2,
                "mar" => 3,
                "apr" => 4,
                "mei" => 5,
                "jun" => 6,
                "jul" => 7,
                "agu" or "agt" or "ags" => 8,
                "sep" => 9,
                "okt" => 10,
                "nov" or "nop" => 11,
                _ => 12,
            };
        }
        else
        {
            m = NumericDateLine().Match(text);
            if (!m.Success)
            {
                return null;
            }

            month = int.Parse(m.Groups["month"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (month is < 1 or > 12)
            {
                return null;
            }
        }
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

        return (Place(m.Groups["place"].Value), new SigningDate(year, month, day));
    }
}
