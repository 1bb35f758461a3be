using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PkAnalytics.Warehouse.Realisation;

/// <summary>
/// Normalised names for matching what operators type against the loaded nomenclature: lower case, accents and
/// punctuation removed, whitespace collapsed, a leading code ("1.02.01", "a.", "1)") dropped.
/// </summary>
public static partial class NameNormalizer
{
    public static string Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var decomposed = value.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            sb.Append(char.IsLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : ' ');
        }

        var text = Spaces().Replace(sb.ToString(), " ").Trim();
        text = LeadingCode().Replace(text, "");
        return text.Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // "1 02 01 program ...", "a program ...", "x 2 01 ..." (codes become digit groups once punctuation is gone).
    [GeneratedRegex(@"^(?:(?:\d+|[a-z])\s)+(?=[a-z]{2,})")]
    private static partial Regex LeadingCode();
}
