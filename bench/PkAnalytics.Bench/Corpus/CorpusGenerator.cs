using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PkAnalytics.Bench.Corpus;

/// <summary>
/// Writes synthetic Perjanjian Kinerja documents by varying the seeds: one document per agency and year, from
/// the seed of the agency's kind (dinas, sekretariat DPRD, kecamatan). It renames the agency and the officials,
/// moves every year by the same offset, multiplies every Rupiah amount by the same whole factor (so the document's own sums still hold)
/// and varies the layout (line endings, trailing blanks, stray &lt;p&gt; tags). Deterministic for a given seed.
/// </summary>
public sealed partial class CorpusGenerator(IReadOnlyList<string> seedFiles, int randomSeed = 4)
{
    private static readonly string[] Syllables =
        ["ma", "li", "wa", "su", "to", "mo", "ni", "bu", "ra", "ka", "la", "ena", "ang", "ko", "nu", "ha", "we", "ti", "po", "se", "da", "lu"];

    private static readonly string[] FirstNames =
        ["ANDI", "MUHAMMAD", "SITTI", "ABDUL", "NURUL", "HASAN", "RAHMAT", "YUSUF", "MARYAM", "AGUS", "DEWI", "IRWAN", "SUKARDI", "HERLINA", "BAHAR"];

    private static readonly string[] LastNames =
        ["BASO", "TAHIR", "MAKKAWARU", "LATIF", "SALEH", "PATANG", "RUSLI", "AMIR", "HAMZAH", "SYAMSUL", "DAENG", "MANGGABARANI", "JUFRI"];

    private static readonly string[] Degrees = ["S.Sos", "SE", "S.IP, M.Si", "ST", "SH, MH", "S.Pd", "S.STP, M.AP", "SKM"];

    /// <summary>Seed file name (without folder) -> phrases that name its agency, replaced by a synthetic name.</summary>
    private static readonly Dictionary<string, string[]> AgencyPhrases = new(StringComparer.Ordinal)
    {
        ["000"] = ["PEMBERDAYAAN MASYARAKAT DAN DESA"],
        ["002"] = ["MANGKUTANA"],
        ["003"] = ["KEPENDUDUKAN DAN PENCATATAN SIPIL"],
        ["004"] = ["PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU", "PENANAMAN MODAL DAN PTSP", "PM-PTSP", "PMPTSP"],
    };

    public IReadOnlyList<string> Generate(string outputFolder, int agencies, int years, int lastYear = 2025)
    {
        Directory.CreateDirectory(outputFolder);
        var random = new Random(randomSeed);
        var templates = seedFiles.Select(f => (Key: Path.GetFileName(f)[..3], Text: File.ReadAllText(f))).ToList();
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var written = new List<string>();
        for (var a = 0; a < agencies; a++)
        {
            var template = templates[a % templates.Count];
            var agencyName = UniqueName(random, usedNames);
            var people = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var y = 0; y < years; y++)
            {
                var year = lastYear - years + 1 + y;
                var factor = random.Next(1, 5); // an integer: sums of the scaled amounts still hold
                var text = Vary(template.Key, template.Text, agencyName, year, factor, people, random, layout: (a + y) % 4);
                var path = Path.Combine(outputFolder, $"pk_{a:D5}_{year}.txt");
                File.WriteAllText(path, text, new UTF8Encoding(false));
                written.Add(path);
            }
        }

        return written;
    }

    private static string Vary(string key, string text, string agencyName, int year, int factor,
        Dictionary<string, string> people, Random random, int layout)
    {
        // Agency: the phrases that name it, in the case they are written.
        if (AgencyPhrases.TryGetValue(key, out var phrases))
        {
            foreach (var phrase in phrases)
            {
                text = Regex.Replace(text, Regex.Escape(phrase).Replace("\\ ", @"\s+"), m => SameCase(m.Value, agencyName), RegexOptions.IgnoreCase);
            }
        }

        // Officials: every name on a "Nama : ..." line, wherever it appears (signatures too, however spaced),
        // except the Bupati's (one regency, one Bupati). The same person keeps the new name across years.
        foreach (Match m in NameLine().Matches(text))
        {
            var name = m.Groups["name"].Value.Trim();
            if (name.Length < 3 || m.Groups["position"].Value.Contains("BUPATI", StringComparison.OrdinalIgnoreCase) || people.ContainsKey(name))
            {
                continue;
            }

            people[name] = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}, {Degrees[random.Next(Degrees.Length)]}";
        }

        foreach (var (name, replacement) in people.OrderByDescending(p => p.Key.Length))
        {
            var tokens = NameTokens().Matches(name.Split(',')[0]).Select(t => Regex.Escape(t.Value)).ToList();
            if (tokens.Count == 0 || string.Concat(tokens).Length < 3)
            {
                continue;
            }

            var newCore = replacement.Split(',')[0];
            text = Regex.Replace(text, @"\b" + string.Join(@"[\s.]*", tokens) + @"\b", m => SameCase(m.Value, newCore), RegexOptions.IgnoreCase);
        }

        // Year, and amounts (numbers with two or more thousands groups) times the factor, same separators.
        var seedYear = Year().Matches(text).GroupBy(m => m.Value).OrderByDescending(g => g.Count()).Select(g => int.Parse(g.Key, CultureInfo.InvariantCulture)).FirstOrDefault(year);
        text = Year().Replace(text, m => (int.Parse(m.Value, CultureInfo.InvariantCulture) + year - seedYear).ToString(CultureInfo.InvariantCulture));
        text = Amount().Replace(text, m =>
        {
            var separator = m.Groups["sep"].Value[0];
            var digits = m.Value.Replace(separator.ToString(), "");
            var value = Math.Round(decimal.Parse(digits, CultureInfo.InvariantCulture) * factor, 0);
            var grouped = value.ToString("#,0", CultureInfo.InvariantCulture);
            return separator == '.' ? grouped.Replace(',', '.') : grouped;
        });

        // Layout.
        return layout switch
        {
            1 => text.Replace("\r\n", "\n").Replace("\n", "\r\n"),
            2 => string.Join("\n", text.Split('\n').Select((l, i) => i % 7 == 3 && l.Length > 0 ? l + "  " : l)),
            3 => string.Join("\n", text.Split('\n').Select((l, i) => i % 11 == 5 && l.Trim().Length > 20 && !l.StartsWith('\t') ? $"<p>{l}</p>" : l)),
            _ => text,
        };
    }

    private static string UniqueName(Random random, HashSet<string> used)
    {
        while (true)
        {
            var parts = random.Next(2, 4);
            var builder = new StringBuilder();
            for (var i = 0; i < parts; i++)
            {
                builder.Append(Syllables[random.Next(Syllables.Length)]);
            }

            var name = char.ToUpperInvariant(builder[0]) + builder.ToString(1, builder.Length - 1);
            if (used.Count > 5000)
            {
                name += " " + (used.Count / 5000 + 1).ToString(CultureInfo.InvariantCulture);
            }

            if (used.Add(name))
            {
                return name;
            }
        }
    }

    /// <summary>The replacement in the case style of the original (upper, title or as given).</summary>
    private static string SameCase(string original, string replacement)
    {
        var letters = original.Where(char.IsLetter).ToList();
        if (letters.Count > 0 && letters.All(char.IsUpper))
        {
            return replacement.ToUpperInvariant();
        }

        return CultureInfo.InvariantCulture.TextInfo.ToTitleCase(replacement.ToLowerInvariant());
    }

    [GeneratedRegex(@"^\s*Nama\s*:\s*(?<name>[^\r\n]+)\r?\n\s*Jabatan\s*:\s*(?<position>[^\r\n]*)", RegexOptions.Multiline)]
    private static partial Regex NameLine();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex NameTokens();

    [GeneratedRegex(@"\b20(2[0-9])\b")]
    private static partial Regex Year();

    [GeneratedRegex(@"(?<![\d.,])\d{1,3}(?<sep>[.,])\d{3}(?:\k<sep>\d{3})+(?![\d])")]
    private static partial Regex Amount();
}
