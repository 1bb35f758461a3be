namespace PkAnalytics.Domain.Rules;

/// <summary>
/// A SAKIP evaluation (PermenPANRB 88/2021): four components with their maxima; the total (0-100) and its
/// predicate. DESIGN.md section 2.
/// </summary>
public sealed record SakipScore(decimal Perencanaan, decimal Pengukuran, decimal Pelaporan, decimal Evaluasi)
{
    public const decimal MaxPerencanaan = 30m;
    public const decimal MaxPengukuran = 30m;
    public const decimal MaxPelaporan = 15m;
    public const decimal MaxEvaluasi = 25m;

    /// <summary>Component names in Bahasa Indonesia with their maxima, in document order.</summary>
    public static IReadOnlyList<(string Name, decimal Max)> Components { get; } =
    [
        ("Perencanaan Kinerja", MaxPerencanaan),
        ("Pengukuran Kinerja", MaxPengukuran),
        ("Pelaporan Kinerja", MaxPelaporan),
        ("Evaluasi Akuntabilitas Kinerja Internal", MaxEvaluasi),
    ];

    public decimal Total => Perencanaan + Pengukuran + Pelaporan + Evaluasi;

    public string Predicate => Sakip.Predicate(Total);

    /// <summary>One message per component outside 0..max (Bahasa Indonesia); empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Check(errors, Components[0], Perencanaan);
        Check(errors, Components[1], Pengukuran);
        Check(errors, Components[2], Pelaporan);
        Check(errors, Components[3], Evaluasi);
        return errors;
    }

    private static void Check(List<string> errors, (string Name, decimal Max) component, decimal value)
    {
        if (value < 0m || value > component.Max)
        {
            errors.Add($"{component.Name} harus antara 0 dan {component.Max.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("id-ID"))}.");
        }
    }
}

public static class Sakip
{
    /// <summary>
    /// Predicate of a SAKIP total: AA (&gt; 90), A (&gt; 80 - 90), BB (&gt; 70 - 80), B (&gt; 60 - 70), CC (&gt; 50 - 60),
    /// C (&gt; 30 - 50), D (0 - 30). Exactly 90,00 is A. The total is taken at 2 decimals (as published).
    /// </summary>
    public static string Predicate(decimal total)
    {
        var t = Math.Round(total, 2, MidpointRounding.AwayFromZero);
        if (t < 0m || t > 100m)
        {
            throw new ArgumentOutOfRangeException(nameof(total), total, "a SAKIP score is 0-100");
        }

        return t switch
        {
            > 90m => "AA",
            > 80m => "A",
            > 70m => "BB",
            > 60m => "B",
            > 50m => "CC",
            > 30m => "C",
            _ => "D",
        };
    }

    /// <summary>Predicate name shown to users.</summary>
    public static string PredicateLabel(string predicate) => predicate switch
    {
        "AA" => "AA (Sangat Memuaskan)",
        "A" => "A (Memuaskan)",
        "BB" => "BB (Sangat Baik)",
        "B" => "B (Baik)",
        "CC" => "CC (Cukup)",
        "C" => "C (Kurang)",
        "D" => "D (Sangat Kurang)",
        _ => predicate,
    };
}
