namespace PkAnalytics.Reports;

/// <summary>Shared by the dashboard pages and the report PDFs so both show the same colours. Colours of SAKIP predicates, IKM categories and capaian bands (green = good ... red = poor).</summary>
public static class PerformanceColors
{
    public const string None = "#9e9e9e";

    public static string Sakip(string? predicate) => predicate switch
    {
        "AA" => "#1b5e20",
        "A" => "#2e7d32",
        "BB" => "#66bb6a",
        "B" => "#9e9d24",
        "CC" => "#f9a825",
        "C" => "#ef6c00",
        "D" => "#c62828",
        _ => None,
    };

    public static string Ikm(string? category) => category switch
    {
        "A" => "#2e7d32",
        "B" => "#66bb6a",
        "C" => "#f9a825",
        "D" => "#c62828",
        _ => None,
    };

    private static readonly string[] BandPalette = ["#1b5e20", "#66bb6a", "#f9a825", "#ef6c00", "#c62828"];

    /// <summary>Colour of the band at <paramref name="index"/> from the highest; spread over the palette when there are more or fewer bands.</summary>
    public static string Band(int index, int count)
    {
        if (index < 0 || count <= 0)
        {
            return None;
        }

        var position = count == 1 ? 0 : (int)Math.Round(index * (BandPalette.Length - 1) / (double)(count - 1));
        return BandPalette[Math.Clamp(position, 0, BandPalette.Length - 1)];
    }

    /// <summary>Dark text on light fills, white on dark ones.</summary>
    public static string TextOn(string fill) => fill is "#66bb6a" or "#f9a825" or "#9e9e9e" ? "#1a1a1a" : "#ffffff";
}
