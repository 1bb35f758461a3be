using System.Globalization;
using System.Text.RegularExpressions;

namespace PkAnalytics.Warehouse.Realisation;

/// <summary>
/// Reads a number from an import cell. Spreadsheet number cells are exact. Typed text is Indonesian: "." groups
/// thousands and "," is the decimal mark ("1.234.567,50", "20,08", "Rp 1.500.000"); "1,234,567" with several
/// commas is read as thousands too. A lone "." is accepted as a decimal mark unless it is followed by exactly
/// three digits ("1.234"), which is ambiguous and refused rather than guessed.
/// </summary>
public static partial class NumberCell
{
    public static bool TryParse(Cell cell, out decimal value, out string? error)
    {
        value = 0m;
        error = null;
        var text = cell.Text.Trim();
        if (cell.IsNumeric)
        {
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                return true;
            }

            error = $"'{text}' bukan angka.";
            return false;
        }

        text = Currency().Replace(text, "").Replace(" ", "").Replace("\u00a0", "");
        text = text.TrimEnd('%');
        if (text.EndsWith(",-") || text.EndsWith(".-"))
        {
            text = text[..^2];
        }

        if (!Shape().IsMatch(text))
        {
            error = $"'{cell.Text}' bukan angka (contoh: 1.234.567,50 atau 20,08).";
            return false;
        }

        var dots = text.Count(c => c == '.');
        var commas = text.Count(c => c == ',');
        string invariant;
        if (dots > 0 && commas > 0)
        {
            invariant = text.LastIndexOf(',') > text.LastIndexOf('.')
                ? text.Replace(".", "").Replace(',', '.')
                : text.Replace(",", "");
        }
        else if (commas > 1)
        {
            invariant = text.Replace(",", "");
        }
        else if (commas == 1)
        {
            invariant = text.Replace(',', '.');
        }
        else if (dots > 1)
        {
            invariant = text.Replace(".", "");
        }
        else if (dots == 1)
        {
            var decimals = text.Length - text.IndexOf('.') - 1;
            var integerPart = text[..text.IndexOf('.')].TrimStart('-');
            if (decimals == 3 && integerPart != "0" && integerPart.Length > 0)
            {
                error = $"'{cell.Text}' ambigu: tulis 1234 untuk seribu dua ratus tiga puluh empat atau 1,234 untuk desimal.";
                return false;
            }

            invariant = text;
        }
        else
        {
            invariant = text;
        }

        if (decimal.TryParse(invariant, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        error = $"'{cell.Text}' bukan angka.";
        return false;
    }

    [GeneratedRegex(@"^\s*(Rp\.?)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Currency();

    [GeneratedRegex(@"^-?\d[\d.,]*$")]
    private static partial Regex Shape();
}
