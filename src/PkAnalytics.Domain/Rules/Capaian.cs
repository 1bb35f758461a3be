namespace PkAnalytics.Domain.Rules;

/// <summary>Whether a larger realisation is better (most indicators) or worse (e.g. poverty rate, complaints).</summary>
public enum Polarity
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>
/// Capaian (achievement ratio, percent) of an indicator: higher-is-better R / T x 100; lower-is-better
/// (2 - R / T) x 100 floored at 0. A target of 0 or a missing realisation gives no capaian (null): neither 0 nor
/// infinity. DESIGN.md section 2.
/// </summary>
public static class Capaian
{
    public static decimal? Compute(decimal? realisation, decimal? target, Polarity polarity)
    {
        if (realisation is not { } r || target is not { } t || t == 0m)
        {
            return null;
        }

        var ratio = r / t;
        return polarity switch
        {
            Polarity.HigherIsBetter => ratio * 100m,
            Polarity.LowerIsBetter => Math.Max(0m, (2m - ratio) * 100m),
            _ => throw new ArgumentOutOfRangeException(nameof(polarity), polarity, "unknown polarity"),
        };
    }
}

public static class PolarityCodes
{
    /// <summary>Code used in the database (dim_indicator.polarity).</summary>
    public static string ToCode(this Polarity polarity) => polarity switch
    {
        Polarity.HigherIsBetter => "higher_is_better",
        Polarity.LowerIsBetter => "lower_is_better",
        _ => throw new ArgumentOutOfRangeException(nameof(polarity)),
    };

    public static Polarity ParsePolarity(string code) => code switch
    {
        "higher_is_better" => Polarity.HigherIsBetter,
        "lower_is_better" => Polarity.LowerIsBetter,
        _ => throw new FormatException($"unknown polarity '{code}' (expected higher_is_better or lower_is_better)"),
    };

    public static Aggregation ParseAggregation(string code) => code switch
    {
        "kumulatif" => Aggregation.Kumulatif,
        "nilai_akhir" => Aggregation.NilaiAkhir,
        _ => throw new FormatException($"unknown aggregation '{code}' (expected kumulatif or nilai_akhir)"),
    };

    /// <summary>Label shown to users.</summary>
    public static string ToLabel(this Polarity polarity) => polarity switch
    {
        Polarity.HigherIsBetter => "Semakin tinggi semakin baik",
        Polarity.LowerIsBetter => "Semakin rendah semakin baik",
        _ => throw new ArgumentOutOfRangeException(nameof(polarity)),
    };
}
