using System.Globalization;

namespace PkAnalytics.Dashboard.Components.Pages.Realisasi;

/// <summary>id-ID formatting for the realisation pages (numbers, Rupiah, percentages, quarters, months).</summary>
public static class RealisasiFormat
{
    public static readonly CultureInfo Id = CultureInfo.GetCultureInfo("id-ID");

    public const string Empty = "\u2014";

    public static string Number(decimal? value, int decimals = 2) =>
        value is { } v ? v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Id) : Empty;

    /// <summary>
    /// Up to four decimals, no trailing zeros and no thousands separator ("1234", "20,08"): how a value is shown in
    /// an input so that saving it again reads the same number ("1.234" would be ambiguous).
    /// </summary>
    public static string Plain(decimal? value) => value is { } v ? v.ToString("0.####", Id) : "";

    /// <summary>"Rp 1.234.567" (id-ID "C" drops the space).</summary>
    public static string Rupiah(decimal value) => "Rp " + Math.Round(value, 0, MidpointRounding.AwayFromZero).ToString("N0", Id);

    public static string Percent(decimal? value) => value is { } v ? v.ToString("N2", Id) + "%" : Empty;

    public static string Quarter(int quarter) => "TW " + quarter switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", _ => "?" };

    public static readonly IReadOnlyList<string> Months =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    public static string Polarity(string code) => code == "lower_is_better" ? "Semakin rendah semakin baik" : "Semakin tinggi semakin baik";

    public static string Aggregation(string code) => code == "kumulatif" ? "Kumulatif" : "Nilai akhir";
}

