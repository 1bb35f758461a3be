using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Documents;

/// <summary>Reading of a Rupiah amount: the candidate values (first = default) and whether the text was malformed.</summary>
internal sealed record AmountReading(string Raw, IReadOnlyList<decimal> Candidates, bool Malformed)
{
    public decimal Value => Candidates[0];
}

/// <summary>Indonesian number handling: targets ("20,08%", "0.73", "7.200", "3.3 trilliun") and Rupiah amounts
/// ("4.616.968.611,00", "2,877,638,950", "17.903.779.061.-", typos such as "86.781950,00").</summary>
internal static partial class Numbers
{
    [GeneratedRegex(@"(?<=\d)\s*([.,])\s+(?=\d)|(?<=\d)\s+([.,])(?=\d)")]
    private static partial Regex SpacedSeparator();

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex NumberToken();

    /// <summary>Qualitative targets: SAKIP predicates, BPK opinions, categories.</summary>
    [GeneratedRegex(@"^(?:AA|A|BB|B|CC|C|D|WTP|WDP|TMP|TW|(?:Sangat\s+)?(?:Baik|Tinggi|Memadai)|Cukup(?:\s+Baik)?|Optimum|Terkelola|Terdefinisi)$", RegexOptions.IgnoreCase)]
    internal static partial Regex Grade();

    [GeneratedRegex(@"^\s*(?:triliun|trilliun|trilyun|trillion|milyar|miliar|juta|ribu)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Magnitude();

    /// <summary>Parses a target cell. <paramref name="ambiguous"/> is set when a single separator could be read two ways.</summary>
    public static TargetValue ParseTarget(string raw, string? unitCell, out bool ambiguous) =>
        ParseTarget(raw, unitCell, out ambiguous, out _);

    /// <summary>Parses a target cell; <paramref name="malformed"/> is set for a number broken by a stray space ("3.300.000.000 .000").</summary>
    public static TargetValue ParseTarget(string raw, string? unitCell, out bool ambiguous, out bool malformed)
    {
        ambiguous = false;
        malformed = false;
        raw = Text.Collapse(raw);
        var body = Text.StripLetterLabel(raw);
        if (Grade().IsMatch(body.Trim()))
        {
            return new TargetValue(raw, null, unitCell);
        }

        var normalised = SpacedSeparator().Replace(body, m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
        malformed = normalised != body;
        var tokens = NumberToken().Matches(normalised);
        if (tokens.Count == 0)
        {
            // A target in words ("Laporan fisik keuangan"): no number, no unit of one.
            return new TargetValue(raw, null, unitCell);
        }

        var first = tokens[0];
        var value = ReadNumber(first.Value, out ambiguous);

        // A sign right before the first number ("-2,5", "−3 %"): a negative target (a dash and a space is a bullet).
        if (value is { } signed && first.Index > 0 && normalised[first.Index - 1] is '-' or '−' && normalised[..(first.Index - 1)].Trim().Length == 0)
        {
            value = -signed;
        }

        var last = tokens[^1];
        var after = normalised[(last.Index + last.Length)..];
        var magnitude = Magnitude().Match(after);
        if (magnitude.Success && value is { } v && tokens.Count == 1)
        {
            value = v * MagnitudeOf(magnitude.Value.Trim().ToLowerInvariant());
            after = after[magnitude.Length..];
            ambiguous = false;
        }

        string? unit = unitCell;
        if (unit is null)
        {
            // Several quantities ("27 unit 1 tahun", "1 langganan telepon, 12 bulan"): the unit is the word(s)
            // after the first number; "100 dari 110 Organisasi" and a rate "75/100.000 penduduk" keep the tail.
            var afterFirst = normalised[(first.Index + first.Length)..];
            if (tokens.Count > 1 && !magnitude.Success && !TailKeepsUnit().IsMatch(afterFirst))
            {
                var stop = afterFirst.IndexOfAny([',', ';', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
                var words = TrailingConnective().Replace(CleanUnit(stop < 0 ? afterFirst : afterFirst[..stop]), string.Empty);
                if (words.Length > 0)
                {
                    return new TargetValue(raw, value, words);
                }
            }

            if (tokens.Count > 1 && RateTail().IsMatch(afterFirst))
            {
                unit = "/" + Text.Collapse(afterFirst.Trim()[1..].Trim());
            }
            else if (after.Contains('%') || afterFirst.TrimStart().StartsWith('%'))
            {
                unit = "%";
            }
            else
            {
                unit = NullIfEmpty(CleanUnit(after));
                unit ??= NullIfEmpty(CleanUnit(normalised[..first.Index]));
            }
        }

        return new TargetValue(raw, value, unit);
    }

    [GeneratedRegex(@"^\s*(?:dari\b|/|%)", RegexOptions.IgnoreCase)]
    private static partial Regex TailKeepsUnit();

    [GeneratedRegex(@"\s+(?:dan|serta|atau|untuk|dari|per|x)$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingConnective();

    [GeneratedRegex(@"^\s*/\s*\d")]
    private static partial Regex RateTail();

    private static decimal MagnitudeOf(string word) => word switch
    {
        "ribu" => 1_000m,
        "juta" => 1_000_000m,
        "milyar" or "miliar" => 1_000_000_000m,
        _ => 1_000_000_000_000m,
    };

    private static string CleanUnit(string s)
    {
        s = s.Trim().Trim(',', '.', '-', ';', ':', '(', ')').Trim();
        if (s.StartsWith("dari ", StringComparison.OrdinalIgnoreCase))
        {
            s = s[5..].Trim();
        }

        return s;
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    /// <summary>Reads one number token with Indonesian or English separators.</summary>
    internal static decimal? ReadNumber(string token, out bool ambiguous)
    {
        ambiguous = false;
        var dots = token.Count(c => c == '.');
        var commas = token.Count(c => c == ',');
        string digits;
        if (dots == 0 && commas == 0)
        {
            digits = token;
        }
        else if (dots > 0 && commas > 0)
        {
            var lastSep = Math.Max(token.LastIndexOf('.'), token.LastIndexOf(','));
            var dec = token[lastSep];
            var group = dec == '.' ? ',' : '.';
            digits = token[..lastSep].Replace(group.ToString(), string.Empty).Replace(dec.ToString(), string.Empty) + "." + token[(lastSep + 1)..];
        }
        else
        {
            var sep = dots > 0 ? '.' : ',';
            var parts = token.Split(sep);
            var allGroups = parts[0].Length is >= 1 and <= 3 && parts.Skip(1).All(p => p.Length == 3);
            if (parts.Length > 2)
            {
                digits = allGroups ? string.Concat(parts) : string.Concat(parts[..^1]) + "." + parts[^1];
            }
            else if (parts[1].Length == 3 && parts[0] != "0" && allGroups)
            {
                // "7.200" / "3,253": thousands in one convention, a decimal in the other.
                ambiguous = true;
                digits = sep == '.' ? string.Concat(parts) : parts[0] + "." + parts[1];
            }
            else
            {
                digits = parts[0] + "." + parts[1];
            }
        }

        return decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [GeneratedRegex(@"^(?:rp\.?|idr)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex CurrencyPrefix();

    [GeneratedRegex(@"^\d{1,3}(?:[.,]\s?\d{3}|\s\.\d{3})+(?:[.,]\d{1,2})?(?:[.,]?-)?$|^\d+(?:[.,]\d{1,2})?(?:[.,]?-)?$|^\d+(?:[.,]\d+)+(?:[.,]?-)?$")]
    private static partial Regex AmountShape();

    /// <summary>True when the cell text is an amount (optionally with "Rp" and decorations), not a small target.</summary>
    public static bool LooksLikeAmount(string cell)
    {
        cell = TrimStray(cell);
        var c0 = cell.TrimStart();
        if (c0.Length == 0 || c0.Length > 60 || !(char.IsDigit(c0[0]) || c0[0] is 'R' or 'r' or 'I' or 'i'))
        {
            return false;
        }

        var s = cell.Trim();
        if (!char.IsDigit(s[0]))
        {
            // Only "Rp", "Rp." or "IDR" may stand before the number (most cells here are words: no regex for them).
            if (!s.StartsWith("rp", StringComparison.OrdinalIgnoreCase) && !s.StartsWith("idr", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            s = CurrencyPrefix().Replace(s, string.Empty).Trim();
            if (s.Length == 0 || !char.IsDigit(s[0]))
            {
                return false;
            }
        }

        var compact = s.Contains(' ', StringComparison.Ordinal) ? s.Replace(" ", string.Empty, StringComparison.Ordinal) : s;
        if (!AmountShape().IsMatch(compact))
        {
            return false;
        }

        // A code such as "1.06.01.2.01" (groups of one or two digits) is not an amount.
        var body = compact.TrimEnd('-').TrimEnd('.', ',');
        var groups = body.Split('.', ',');
        if (groups.Length > 1)
        {
            var inner = groups.Skip(1).Take(groups.Length - 2).ToList();
            var lastGroup = groups[^1];
            if (inner.Any(g => g.Length < 3) || (lastGroup.Length < 3 && !(lastGroup.Length == 2 && groups.Length >= 3 && inner.All(g => g.Length >= 3)) && !(groups.Length == 2 && lastGroup.Length == 2 && groups[0].Length >= 4)))
            {
                return false;
            }
        }

        var digitCount = s.Count(char.IsDigit);
        return digitCount >= 5 || cell.TrimStart().StartsWith("Rp", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Quotes, brackets and bars around an amount (a scan's table border or a stray mark): not part of it.</summary>
    internal static string TrimStray(string cell)
    {
        if (cell.Length == 0 || (!IsStray(cell[0]) && !IsStray(cell[^1]) && cell[^1] != ')' && !char.IsWhiteSpace(cell[0]) && !char.IsWhiteSpace(cell[^1])))
        {
            return cell;
        }

        var t = cell.Trim();
        if (t.Length > 1 && t.Any(char.IsDigit) && !(t.StartsWith('(') && t.EndsWith(')')))
        {
            t = t.Trim('\'', '‘', '’', '"', '“', '”', '|', '`').Trim();
            if (t.EndsWith(')') && !t.Contains('('))
            {
                t = t[..^1].TrimEnd();
            }
        }

        return t;
    }

    [GeneratedRegex(@"^(?:rp\.?\s*)?(?=(?:[^0-9]*[0-9]){5})[0-9.,]*[0-9][0-9.,]*[A-Za-z]{1,2}[0-9.,]*[0-9][0-9.,]*(?:,-|\.-)?$", RegexOptions.IgnoreCase)]
    private static partial Regex AmountWithStrayLetter();

    /// <summary>An amount with a stray letter inside ("1.7l6.833.112", an OCR misreading): unreadable, never guessed.</summary>
    public static bool IsUnreadableAmount(string cell)
    {
        if (cell.Length > 40)
        {
            return false;
        }

        var digits = 0;
        foreach (var c in cell)
        {
            digits += char.IsDigit(c) ? 1 : 0;
        }

        return digits >= 5 && AmountWithStrayLetter().IsMatch(TrimStray(cell).Replace(" ", string.Empty));
    }

    private static bool IsStray(char c) => c is '\'' or '‘' or '’' or '"' or '“' or '”' or '|' or '`' or '(' or ')';

    /// <summary>Reads a Rupiah amount. Null when the text holds no number.</summary>
    public static AmountReading? ParseAmount(string raw)
    {
        var s = CurrencyPrefix().Replace(TrimStray(Text.Collapse(raw)), string.Empty);
        s = s.Replace(" ", string.Empty);
        s = s.TrimEnd('-').TrimEnd('.', ',');
        if (s.Length == 0 || !s.All(c => char.IsDigit(c) || c is '.' or ','))
        {
            return null;
        }

        // Cents: a final separator followed by two digits (",00", ".00").
        var last = s.LastIndexOfAny(['.', ',']);
        decimal cents = 0;
        if (last > 0 && s.Length - last - 1 == 2)
        {
            cents = decimal.Parse(s[(last + 1)..], CultureInfo.InvariantCulture) / 100m;
            s = s[..last];
        }

        var groups = s.Split('.', ',');
        var seps = s.Where(c => c is '.' or ',').Distinct().Count();
        var wellFormed = groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3) && seps <= 1;
        if (groups.Length == 1)
        {
            wellFormed = true;
        }

        var concat = decimal.Parse(string.Concat(groups), CultureInfo.InvariantCulture) + cents;
        if (wellFormed)
        {
            return new AmountReading(raw, [concat], false);
        }

        var candidates = new List<decimal> { concat };
        for (var i = 1; i < groups.Length; i++)
        {
            if (groups[i].Length == 4)
            {
                foreach (var variant in new[] { groups[i][..3], groups[i][1..] })
                {
                    var copy = (string[])groups.Clone();
                    copy[i] = variant;
                    var value = decimal.Parse(string.Concat(copy), CultureInfo.InvariantCulture) + cents;
                    if (!candidates.Contains(value))
                    {
                        candidates.Add(value);
                    }
                }
            }
        }

        return new AmountReading(raw, candidates, true);
    }

    /// <summary>Formats a target value the Indonesian way ("1.234,5"), for finding messages; "-" when there is none.</summary>
    public static string Indonesian(decimal? value)
    {
        if (value is not { } v)
        {
            return "-";
        }

        return v.ToString("#,0.##########", CultureInfo.InvariantCulture).Replace(',', '\u0001').Replace('.', ',').Replace('\u0001', '.');
    }

    /// <summary>Formats a Rupiah amount the Indonesian way, for finding messages.</summary>
    public static string Rupiah(decimal amount)
    {
        var whole = decimal.Truncate(amount);
        var sb = new StringBuilder(whole.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.'));
        var frac = amount - whole;
        if (frac != 0)
        {
            sb.Append(',').Append(((int)(frac * 100)).ToString("D2", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
