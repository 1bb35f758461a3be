using System.Text;
using System.Text.RegularExpressions;
using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Warehouse.Loading;

/// <summary>
/// Normalised keys that conform dimension rows across documents and agencies: lower case, punctuation and
/// whitespace collapsed to one space ("Drs.H.BUDIMAN, M.Pd" and "Drs. H. BUDIMAN, M.Pd" are one official).
/// </summary>
public static partial class Names
{
    /// <summary>Lower case letters and digits, every other run of characters one space, trimmed.</summary>
    public static string Key(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (c == '&')
            {
                // "Umum & Keuangan" is "Umum dan Keuangan".
                builder.Append(builder.Length > 0 ? " dan" : "dan");
                space = true;
            }
            else if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// A position title expanded to its long form: acting prefixes (Plt., Pjs., Plh.) and "Kabupaten Luwu Timur"
    /// removed, abbreviations (Kasubag, Kasi, Kabid, Kabag, Sekcam) written out.
    /// </summary>
    public static string PositionTitle(string title)
    {
        var key = Key(title);
        key = ActingPrefix().Replace(key, "");
        key = RegencySuffix().Replace(key, "");
        foreach (var (abbreviation, full) in Abbreviations)
        {
            if (key == abbreviation || key.StartsWith(abbreviation + " ", StringComparison.Ordinal))
            {
                key = full + key[abbreviation.Length..];
                break;
            }
        }

        return key.Trim();
    }

    private static readonly (string Abbreviation, string Full)[] Abbreviations =
    [
        ("kepala subbagian", "kepala sub bagian"),
        ("kepala subbag", "kepala sub bagian"),
        ("kepala sub bag", "kepala sub bagian"),
        ("kepala subbidang", "kepala sub bidang"),
        ("kasubbag", "kepala sub bagian"),
        ("kasubag", "kepala sub bagian"),
        ("kasubid", "kepala sub bidang"),
        ("kasubbid", "kepala sub bidang"),
        ("kasie", "kepala seksi"),
        ("kasi", "kepala seksi"),
        ("kabid", "kepala bidang"),
        ("kabag", "kepala bagian"),
        ("kadis", "kepala dinas"),
        ("sekcam", "sekretaris camat"),
        ("sekwan", "sekretaris dprd"),
    ];

    /// <summary>The level of a position from its title (DESIGN.md section 2).</summary>
    public static string PositionLevel(string title)
    {
        var t = PositionTitle(title);
        if (t.Contains("wakil bupati", StringComparison.Ordinal))
        {
            return "staff";
        }

        if (Regex.IsMatch(t, @"(^| )bupati( |$)"))
        {
            return "bupati";
        }

        if (StartsWithAny(t, "kepala sub bagian", "kepala sub bidang", "kepala seksi", "kepala urusan"))
        {
            return "eselon_iv";
        }

        if (StartsWithAny(t, "inspektur pembantu"))
        {
            return "eselon_iii";
        }

        if (StartsWithAny(t, "sekretaris dprd", "sekretaris dewan", "kepala dinas", "kepala badan", "camat", "inspektur",
                "kepala satuan polisi", "kepala pelaksana"))
        {
            return "eselon_ii";
        }

        if (StartsWithAny(t, "sekretaris", "kepala bidang", "kepala bagian", "lurah"))
        {
            return "eselon_iii";
        }

        return "staff";
    }

    /// <summary>
    /// The key a position is conformed by inside its agency: the head of the agency is one position however the
    /// cover spells it ("CAMAT MANGKUTANA", "Camat"; "PLt. KEPALA DINAS PM-PTSP", "Kepala Dinas Penanaman Modal"),
    /// so is its secretary ("Sekretaris Dinas PM-PTSP", "Sekretaris Dinas Penanaman Modal dan PTSP"), and the
    /// agency's own name at the end of other titles is dropped ("Kepala Bidang X Kecamatan Mangkutana").
    /// </summary>
    public static string PositionKey(string title, string? agencyName)
    {
        var t = PositionTitle(title);
        var level = PositionLevel(title);
        if (level == "bupati")
        {
            return "bupati";
        }

        if (level == "eselon_ii")
        {
            foreach (var head in HeadTitles)
            {
                if (t == head || t.StartsWith(head + " ", StringComparison.Ordinal))
                {
                    return head;
                }
            }
        }

        // One secretary per agency, however the cover names the agency after the title.
        if (level == "eselon_iii" && t.StartsWith("sekretaris", StringComparison.Ordinal))
        {
            var words = t.Split(' ');
            return words.Length > 1 && words[1] is "dinas" or "badan" or "camat" or "kecamatan" or "inspektorat"
                ? $"sekretaris {(words[1] == "kecamatan" ? "camat" : words[1])}"
                : "sekretaris";
        }

        if (agencyName is not null)
        {
            var agency = Key(agencyName);
            var specific = AgencyType().Replace(agency, "");
            foreach (var suffix in new[] { agency, specific })
            {
                if (suffix.Length > 0 && t.Length > suffix.Length && t.EndsWith(" " + suffix, StringComparison.Ordinal))
                {
                    return t[..^(suffix.Length + 1)];
                }
            }
        }

        return t;
    }

    private static readonly string[] HeadTitles =
        ["sekretaris dprd", "sekretaris dewan", "kepala dinas", "kepala badan", "camat", "inspektur", "kepala satuan polisi pamong praja", "kepala pelaksana"];

    /// <summary>The key a program / kegiatan / sub kegiatan is conformed by: its words without a leading code or level word.</summary>
    public static string ProgramKey(string name, BudgetLevel level)
    {
        var key = LeadingCode().Replace(Key(name), "");
        var word = level switch
        {
            BudgetLevel.Program => "program ",
            BudgetLevel.Kegiatan => "kegiatan ",
            _ => "sub kegiatan ",
        };
        if (key.StartsWith(word, StringComparison.Ordinal))
        {
            key = key[word.Length..];
        }

        return key;
    }

    public static string LevelName(BudgetLevel level) => level switch
    {
        BudgetLevel.Program => "program",
        BudgetLevel.Kegiatan => "kegiatan",
        _ => "sub_kegiatan",
    };

    private static bool StartsWithAny(string text, params string[] prefixes) =>
        prefixes.Any(p => text == p || text.StartsWith(p + " ", StringComparison.Ordinal));

    [GeneratedRegex(@"^((plt|plh|pjs|pj|pelaksana tugas|pelaksana harian|penjabat) )+")]
    private static partial Regex ActingPrefix();

    [GeneratedRegex(@" (kabupaten|kab) luwu timur$| luwu timur$")]
    private static partial Regex RegencySuffix();

    [GeneratedRegex(@"^(dinas|badan|kecamatan|kantor|sekretariat|inspektorat|satuan) ")]
    private static partial Regex AgencyType();

    [GeneratedRegex(@"^(\d+ )+")]
    private static partial Regex LeadingCode();
}
