using System.Globalization;

namespace PkAnalytics.Domain.Rules;

/// <summary>
/// Checks a realisation value against the indicator's unit: never negative; percentages 0-100; counts (dokumen,
/// orang, kegiatan ...) whole numbers; SAKIP scores 0-100; IKM values 25-100. Unknown units only need a
/// non-negative number. Indicators of change (pertumbuhan, peningkatan, penurunan ...) in percent may be negative or
/// above 100. Messages in Bahasa Indonesia; null = valid.
/// </summary>
public static class UnitValidation
{
    private static readonly string[] CountWords =
    [
        "dokumen", "laporan", "orang", "kegiatan", "kali", "buah", "unit", "desa", "kelurahan", "kecamatan",
        "lembaga", "organisasi", "perda", "peraturan", "kelompok", "paket", "jenis", "sekolah", "keluarga", "kk",
        "jiwa", "pelaku", "opd", "berkas", "surat", "izin", "sk", "rekomendasi", "bumdes", "ranperda", "produk",
    ];

    public static UnitKind Classify(string? unit)
    {
        var u = (unit ?? "").Trim().ToLowerInvariant();
        if (u.Length == 0)
        {
            return UnitKind.Any;
        }

        if (u.Contains('%') || u.Contains("persen"))
        {
            return UnitKind.Percent;
        }

        if (u.Contains("ikm") || u.Contains("skm"))
        {
            return UnitKind.IkmValue;
        }

        if (u.Contains("sakip"))
        {
            return UnitKind.SakipScore;
        }

        var words = u.Split([' ', '/', '(', ')', '.', ','], StringSplitOptions.RemoveEmptyEntries);
        return words.Any(w => CountWords.Contains(w)) ? UnitKind.Count : UnitKind.Any;
    }

    private static readonly string[] ChangeWords = ["pertumbuhan", "peningkatan", "kenaikan", "penurunan", "laju", "perubahan", "inflasi"];

    /// <summary>
    /// Whether the indicator measures a change (growth, increase, decrease, inflation): its percentage may be
    /// negative or above 100.
    /// </summary>
    public static bool IsChange(string? indicatorName) =>
        indicatorName is not null && ChangeWords.Any(w => indicatorName.Contains(w, StringComparison.OrdinalIgnoreCase));

    public static string? Validate(string? unit, decimal value, string? indicatorName = null)
    {
        var change = IsChange(indicatorName) && Classify(unit) is UnitKind.Percent or UnitKind.Any;
        if (change)
        {
            return null;
        }

        if (value < 0m)
        {
            return "Nilai tidak boleh negatif.";
        }

        var id = CultureInfo.GetCultureInfo("id-ID");
        return Classify(unit) switch
        {
            UnitKind.Percent when value > 100m => $"Satuan persen: nilai harus 0 sampai 100, bukan {value.ToString("0.####", id)}.",
            UnitKind.Count when value != decimal.Truncate(value) => $"Satuan '{unit}' dihitung: nilai harus bilangan bulat, bukan {value.ToString("0.####", id)}.",
            UnitKind.SakipScore when value > 100m => "Nilai SAKIP harus 0 sampai 100.",
            UnitKind.IkmValue when value is < 25m or > 100m => "Nilai IKM harus 25 sampai 100.",
            _ => null,
        };
    }
}

public enum UnitKind
{
    Any,
    Percent,
    Count,
    SakipScore,
    IkmValue,
}
