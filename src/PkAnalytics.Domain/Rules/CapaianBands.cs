namespace PkAnalytics.Domain.Rules;

/// <summary>
/// One capaian band: capaian at or above <see cref="MinInclusive"/> (and below the next band's minimum) falls in it.
/// The lowest band has no minimum. Bands are half-open: [min, next min).
/// </summary>
public sealed record CapaianBand(string Name, decimal? MinInclusive);

/// <summary>
/// A set of capaian bands in force from <see cref="EffectiveFrom"/>. Regencies use different bands, so bands are
/// data (table capaian_band), not constants; <see cref="Default"/> is the set of DESIGN.md section 2.
/// </summary>
public sealed class CapaianBandSet
{
    public CapaianBandSet(DateOnly effectiveFrom, IEnumerable<CapaianBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var list = bands.ToList();
        var error = Validate(list);
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(bands));
        }

        EffectiveFrom = effectiveFrom;
        // Highest minimum first, the open-ended lowest band last.
        Bands = list.OrderByDescending(b => b.MinInclusive ?? decimal.MinValue).ToList();
    }

    public DateOnly EffectiveFrom { get; }

    /// <summary>Bands from the highest to the lowest.</summary>
    public IReadOnlyList<CapaianBand> Bands { get; }

    /// <summary>The default bands: >= 91 Sangat Tinggi, [76, 91) Tinggi, [66, 76) Sedang, [51, 66) Rendah, &lt; 51 Sangat Rendah.</summary>
    public static CapaianBandSet Default { get; } = new(new DateOnly(2000, 1, 1),
    [
        new CapaianBand("Sangat Tinggi", 91m),
        new CapaianBand("Tinggi", 76m),
        new CapaianBand("Sedang", 66m),
        new CapaianBand("Rendah", 51m),
        new CapaianBand("Sangat Rendah", null),
    ]);

    /// <summary>Null when the bands form a valid set: distinct non-empty names, distinct minima, exactly one open lowest band.</summary>
    public static string? Validate(IReadOnlyList<CapaianBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        if (bands.Count == 0)
        {
            return "Minimal satu pita capaian.";
        }

        if (bands.Any(b => string.IsNullOrWhiteSpace(b.Name)))
        {
            return "Setiap pita capaian harus punya nama.";
        }

        if (bands.Select(b => b.Name.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != bands.Count)
        {
            return "Nama pita capaian tidak boleh ganda.";
        }

        if (bands.Count(b => b.MinInclusive is null) != 1)
        {
            return "Tepat satu pita (yang terendah) tidak punya batas bawah.";
        }

        var minima = bands.Where(b => b.MinInclusive is not null).Select(b => b.MinInclusive!.Value).ToList();
        if (minima.Distinct().Count() != minima.Count)
        {
            return "Batas bawah pita capaian tidak boleh sama.";
        }

        return null;
    }

    /// <summary>The band a capaian falls in; null when there is no capaian.</summary>
    public CapaianBand? Lookup(decimal? capaian)
    {
        if (capaian is not { } c)
        {
            return null;
        }

        foreach (var band in Bands)
        {
            if (band.MinInclusive is not { } min || c >= min)
            {
                return band;
            }
        }

        return Bands[^1];
    }

    /// <summary>The set in force on <paramref name="date"/>: the latest effective date on or before it; the default when none.</summary>
    public static CapaianBandSet EffectiveOn(IEnumerable<CapaianBandSet> sets, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(sets);
        return sets.Where(s => s.EffectiveFrom <= date).OrderByDescending(s => s.EffectiveFrom).FirstOrDefault() ?? Default;
    }
}
