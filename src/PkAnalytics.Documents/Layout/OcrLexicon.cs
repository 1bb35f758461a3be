using System.Reflection;
using System.Text;

namespace PkAnalytics.Documents.Layout;

/// <summary>
/// OCR noise tolerance for words: a word the OCR read that is not a known word of performance agreements, but one
/// confusable character away from exactly one known word ("jumiah", "peiayanan", "keg1atan", a border read as a
/// leading "I"), is read as that word; two known words glued together ("terhadappagu") are split. Unknown words
/// with no single candidate stay as read.
/// </summary>
internal static class OcrLexicon
{
    private static readonly Lazy<HashSet<string>> Words = new(Load);

    private static readonly (string From, string To)[] Confusions =
    [
        ("i", "l"), ("l", "i"), ("t", "l"), ("l", "t"), ("1", "l"), ("1", "i"), ("!", "l"), ("|", "l"), ("I", "l"), ("l", "I"),
        ("0", "o"), ("c", "e"), ("e", "c"), ("rn", "m"), ("m", "rn"), ("5", "s"), ("h", "b"), ("b", "h"), ("f", "t"), ("f", "l"), ("ii", "u"), ("~", ""),
    ];

    private static HashSet<string> Load()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PkAnalytics.Documents.Layout.ocr-lexicon.txt");
        if (stream is null)
        {
            return set;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line.Trim());
            }
        }

        return set;
    }

    public static string Correct(string word)
    {
        // A table border read as a bracket or bar glued to the word ("{Persentase", "terlayani]").
        if (word.Length > 2 && word[0] is '{' or '[' or '|' && word.IndexOfAny(['}', ']']) < 0)
        {
            word = word[1..];
        }

        if (word.Length > 2 && word[^1] is '}' or ']' or '|' && word.IndexOfAny(['{', '[']) < 0)
        {
            word = word[..^1];
        }

        // Keep punctuation around the word ("(OPD)", "jumiah,").
        var start = 0;
        var end = word.Length;
        while (start < end && !char.IsLetterOrDigit(word[start]) && word[start] is not ('|' or '!' or '~'))
        {
            start++;
        }

        while (end > start && !char.IsLetterOrDigit(word[end - 1]))
        {
            end--;
        }

        var core = word[start..end];
        if (core.Length < 4 || !core.Any(char.IsLetter) || core.Count(char.IsDigit) > 1 && core.Count(char.IsLetter) < 3)
        {
            return word;
        }

        var lower = core.ToLowerInvariant();
        var words = Words.Value;
        if (words.Contains(lower) || core.All(c => char.IsUpper(c) || !char.IsLetter(c)) && core.Length <= 5)
        {
            return word;
        }

        string? found = null;
        var ambiguous = false;
        void Consider(string candidate)
        {
            if (candidate.Length >= 3 && words.Contains(candidate.ToLowerInvariant()))
            {
                if (found is not null && !string.Equals(found, candidate, StringComparison.OrdinalIgnoreCase))
                {
                    ambiguous = true;
                }

                found ??= candidate;
            }
        }

        // A table border read as a leading "I" / "l" / "|".
        if (core[0] is 'I' or 'l' or '|' or '!' && core.Length > 4)
        {
            Consider(core[1..]);
        }

        foreach (var (from, to) in Confusions)
        {
            for (var i = core.IndexOf(from, StringComparison.Ordinal); i >= 0; i = core.IndexOf(from, i + 1, StringComparison.Ordinal))
            {
                Consider(core[..i] + to + core[(i + from.Length)..]);
            }
        }

        if (found is null && core.All(char.IsLetter) && core.Length >= 7)
        {
            // Two words glued together.
            for (var i = 3; i <= core.Length - 3; i++)
            {
                if (words.Contains(lower[..i]) && words.Contains(lower[i..]))
                {
                    ambiguous |= found is not null;
                    found ??= core[..i] + " " + core[i..];
                }
            }

            if (found is not null && found.Contains(' '))
            {
                return ambiguous ? word : word[..start] + found + word[end..];
            }

            return word;
        }

        if (found is null || ambiguous)
        {
            return word;
        }

        return word[..start] + MatchCase(core, found) + word[end..];
    }

    private static string MatchCase(string original, string candidate)
    {
        var letters = original.Where(char.IsLetter).ToList();
        if (letters.Count > 1 && letters.All(char.IsUpper))
        {
            return candidate.ToUpperInvariant();
        }

        var lower = candidate.ToLowerInvariant();
        var firstLetter = original.FirstOrDefault(char.IsLetter);
        return char.IsUpper(firstLetter) && original[0] is not ('I' or '|' or 'l') || char.IsUpper(original[0]) && original.Length == candidate.Length
            ? char.ToUpperInvariant(lower[0]) + lower[1..]
            : lower;
    }
}
