using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PkAnalytics.Documents;

/// <summary>Text normalisation shared by the readers and the parser (docs/parser-contract.md "Text").</summary>
internal static partial class Text
{
    /// <summary>Separates items of one cell (HTML paragraphs / list items); collapsed to a space in output text.</summary>
    public const char ItemSeparator = '\u2028';

    [GeneratedRegex(@"\[(?:bookmark|image):[^\]]*\]", RegexOptions.IgnoreCase)]
    private static partial Regex Marks();

    [GeneratedRegex(@"</p>\s*<p[^>]*>|<li[^>]*>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex ItemBreaks();

    [GeneratedRegex(@"<[a-zA-Z/!][^<>]{0,400}>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"^(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}\.?[a-z][.)]?|\d{1,3}[.)]{1,2}|[a-zA-Z][.)]{1,2}|[IVX]{1,4}[.)]{1,2}|[-•·*](?=[A-Za-z])|[-•·*])(?=\s|$|[A-Za-z])\s*")]
    private static partial Regex LeadingNumbering();

    /// <summary>Removes HTML tags, bookmark/image marks and markdown emphasis from one raw line; keeps tabs.</summary>
    public static string CleanLine(string line)
    {
        if (line.Length == 0)
        {
            return line;
        }

        if (line.Contains('['))
        {
            line = Marks().Replace(line, string.Empty);
        }

        if (line.Contains('<'))
        {
            line = ItemBreaks().Replace(line, ItemSeparator.ToString());
            line = Tags().Replace(line, " ");
        }

        if (line.Contains('&'))
        {
            line = WebUtility.HtmlDecode(line);
        }

        if (line.Contains("**"))
        {
            line = line.Replace("**", string.Empty);
        }

        return line.Replace('\u00A0', ' ').Replace('\r', ' ');
    }

    /// <summary>Whitespace (tabs, newlines, item separators) collapsed to one space, trimmed.</summary>
    public static string Collapse(string s)
    {
        if (s.Length == 0)
        {
            return s;
        }

        // One pass into a pooled buffer; the input is returned as is when nothing changed.
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(s.Length);
        try
        {
            var n = 0;
            var changed = false;
            var pendingSpace = false;
            foreach (var c in s)
            {
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ItemSeparator || c == '\u00A0' || c == '\f' || c == '\v' || (c > '\u007F' && char.IsWhiteSpace(c)))
                {
                    if (c != ' ' || pendingSpace || n == 0)
                    {
                        changed = true;
                    }

                    pendingSpace = n > 0;
                    continue;
                }

                if (pendingSpace)
                {
                    buffer[n++] = ' ';
                    pendingSpace = false;
                }

                buffer[n++] = c;
            }

            if (pendingSpace)
            {
                changed = true;
            }

            return changed || n != s.Length ? new string(buffer, 0, n) : s;
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Whitespace collapsed like <see cref="Collapse"/>, but item separators kept (trimmed around them).</summary>
    public static string CollapseKeepItems(string s)
    {
        if (s.IndexOf(ItemSeparator) < 0)
        {
            return Collapse(s);
        }

        var parts = s.Split(ItemSeparator).Select(Collapse).Where(p => p.Length > 0);
        return string.Join(ItemSeparator, parts);
    }

    /// <summary>Collapsed text without the cell's leading list numbering ("1.", "1)", "a.", "-", "•").</summary>
    public static string StripItemLabel(string s)
    {
        s = Collapse(s);
        var m = LeadingNumbering().Match(s);
        return m.Success && m.Length < s.Length ? s[m.Length..].Trim() : s;
    }

    [GeneratedRegex(@"^[a-z][.)]\s+")]
    private static partial Regex LetterLabel();

    /// <summary>Collapsed text without a leading sub-item letter ("a. 3 dokumen" -> "3 dokumen").</summary>
    public static string StripLetterLabel(string s)
    {
        s = Collapse(s);
        var m = LetterLabel().Match(s);
        return m.Success && m.Length < s.Length ? s[m.Length..] : s;
    }

    /// <summary>Lower-case word tokens for fuzzy comparison of indicator wording.</summary>
    public static HashSet<string> Tokens(string s)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (var c in s)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return set;

        void Flush()
        {
            if (sb.Length > 0)
            {
                var w = sb.ToString();
                if (w is not ("yang" or "dan" or "di" or "ke" or "dari" or "pada" or "dalam" or "atau" or "untuk" or "dengan"))
                {
                    set.Add(w switch { "presentase" or "prosentase" or "peresentase" or "persentasi" => "persentase", _ => w });
                }

                sb.Clear();
            }
        }
    }

    public static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var common = a.Count(b.Contains);
        var dice = 2.0 * common / (a.Count + b.Count);

        // One wording is the other with words added ("Nilai SAKIP" / "Nilai SAKIP Perangkat Daerah").
        var contained = common == Math.Min(a.Count, b.Count) && common >= 2 ? 0.8 : 0;
        return Math.Max(dice, contained);
    }

    /// <summary>Title case for agency names: "dan", "di", ... lower case; words without vowels (acronyms) upper case.</summary>
    /// <summary>Agency acronyms with a vowel (the vowel-less ones, DPRD or BPBD, are recognised as such).</summary>
    private static readonly HashSet<string> Acronyms = new(StringComparer.Ordinal)
    {
        "upt", "uptd", "rsud", "rsu", "pupr", "bpkad", "bkad", "bpkpd", "bpkd", "blud", "opd", "skpd", "pdam", "dp3a",
        "bpkp", "kpu", "bumd", "ukm", "umkm", "ikm", "sakip", "iku", "apbd", "apbn", "dau", "dak", "dbh", "bos", "bok",
        "smp", "sma", "smk", "paud", "ulp", "ukpbj", "ppid", "ptsp",
    };

    /// <summary>II, III, IV ... as in "Puskesmas Kedungwuni II" or "Eselon III" (written in capitals).</summary>
    [GeneratedRegex("^(?:X{0,3})(?:IX|IV|V?I{0,3})$")]
    private static partial Regex RomanNumeral();

    public static string TitleCase(string s)
    {
        var words = Collapse(s).Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            var lower = w.ToLowerInvariant();
            if (i > 0 && lower is "dan" or "di" or "ke" or "dari" or "atau" or "pada" or "&")
            {
                words[i] = lower;
            }
            else if (!lower.Any(c => c is 'a' or 'e' or 'i' or 'o' or 'u') || w.Contains('-') && w.All(c => !char.IsLower(c)) && w.Length <= 8
                     || Acronyms.Contains(lower.TrimEnd('.', ',')) || w.Length >= 2 && RomanNumeral().IsMatch(w))
            {
                words[i] = w.ToUpperInvariant();
            }
            else if (w.Length > 0)
            {
                words[i] = char.ToUpperInvariant(w[0]) + lower[1..];
            }
        }

        return string.Join(' ', words);
    }
}
