namespace PkAnalytics.Domain.Rules;

/// <summary>How quarterly realisation values add up to the value compared with the yearly target.</summary>
public enum Aggregation
{
    /// <summary>Sum of the quarters so far (counts of documents, activities ...).</summary>
    Kumulatif,

    /// <summary>The latest value reported (indices, percentages, IKM, SAKIP).</summary>
    NilaiAkhir,
}

/// <summary>Aggregation of quarterly realisation (triwulan I..IV) up to a quarter. DESIGN.md section 2.</summary>
public static class QuarterAggregation
{
    /// <summary>
    /// The realisation as of <paramref name="asOfQuarter"/> (1-4) from the values per quarter (missing quarters
    /// absent or null). Kumulatif: sum of the reported quarters up to it. Nilai akhir: the value of the latest
    /// reported quarter up to it. Null when no quarter up to it has a value.
    /// </summary>
    public static decimal? Aggregate(IReadOnlyDictionary<int, decimal?> valuesByQuarter, Aggregation aggregation, int asOfQuarter = 4)
    {
        ArgumentNullException.ThrowIfNull(valuesByQuarter);
        if (asOfQuarter is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(asOfQuarter), asOfQuarter, "a quarter is 1-4");
        }

        var reported = valuesByQuarter
            .Where(kv => kv.Key is >= 1 and <= 4 && kv.Key <= asOfQuarter && kv.Value.HasValue)
            .OrderBy(kv => kv.Key)
            .Select(kv => kv.Value!.Value)
            .ToList();
        if (reported.Count == 0)
        {
            return null;
        }

        return aggregation switch
        {
            Aggregation.Kumulatif => reported.Sum(),
            Aggregation.NilaiAkhir => reported[^1],
            _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "unknown aggregation"),
        };
    }

    /// <summary>Convenience overload: values of quarters 1.. in order (index 0 = TW I).</summary>
    public static decimal? Aggregate(IReadOnlyList<decimal?> quarters, Aggregation aggregation, int asOfQuarter = 4)
    {
        ArgumentNullException.ThrowIfNull(quarters);
        var map = new Dictionary<int, decimal?>();
        for (var i = 0; i < quarters.Count && i < 4; i++)
        {
            map[i + 1] = quarters[i];
        }

        return Aggregate(map, aggregation, asOfQuarter);
    }

    /// <summary>Code used in the database (dim_indicator.aggregation).</summary>
    public static string ToCode(this Aggregation aggregation) => aggregation switch
    {
        Aggregation.Kumulatif => "kumulatif",
        Aggregation.NilaiAkhir => "nilai_akhir",
        _ => throw new ArgumentOutOfRangeException(nameof(aggregation)),
    };

    /// <summary>Label shown to users.</summary>
    public static string ToLabel(this Aggregation aggregation) => aggregation switch
    {
        Aggregation.Kumulatif => "Kumulatif",
        Aggregation.NilaiAkhir => "Nilai akhir",
        _ => throw new ArgumentOutOfRangeException(nameof(aggregation)),
    };
}
