namespace PkAnalytics.Domain.Rules;

/// <summary>The nine IKM / SKM elements of PermenPANRB 14/2017, in order (U1..U9).</summary>
public static class IkmElements
{
    public const int Count = 9;

    public static IReadOnlyList<string> Names { get; } =
    [
        "Persyaratan",
        "Sistem, Mekanisme dan Prosedur",
        "Waktu Penyelesaian",
        "Biaya/Tarif",
        "Produk Spesifikasi Jenis Pelayanan",
        "Kompetensi Pelaksana",
        "Perilaku Pelaksana",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Sarana dan Prasarana",
    ];

    /// <summary>Short codes U1..U9 used in import files.</summary>
    public static IReadOnlyList<string> Codes { get; } = Enumerable.Range(1, Count).Select(i => $"U{i}").ToList();
}

/// <summary>IKM category (mutu pelayanan).</summary>
public sealed record IkmCategory(string Code, string Name);

/// <summary>
/// The computed IKM of a survey: NRR per element, the unit value (sum of NRR x 1/9, 1-4), the converted value
/// (x 25, 25-100) and the category on the converted value rounded to 2 decimals.
/// </summary>
public sealed record IkmResult(IReadOnlyList<decimal> Nrr, int Respondents)
{
    /// <summary>IKM in the unit of the answers (1-4): sum of NRR x 1/9, with 1/9 exact (not 0,11).</summary>
    public decimal UnitValue => Nrr.Sum() / IkmElements.Count;

    /// <summary>The unit value x 25 (25-100), unrounded.</summary>
    public decimal Value => Ikm.Convert(UnitValue);

    /// <summary>The converted value rounded to 2 decimals, as published.</summary>
    public decimal ValueRounded => Math.Round(Value, 2, MidpointRounding.AwayFromZero);

    public IkmCategory Category => Ikm.Category(Value);

    /// <summary>Element indexes (0-8) from the weakest NRR up; ties keep element order.</summary>
    public IReadOnlyList<int> WeakestElements(int take = 3) =>
        Enumerable.Range(0, Nrr.Count).OrderBy(i => Nrr[i]).ThenBy(i => i).Take(take).ToList();
}

/// <summary>IKM / SKM computation (PermenPANRB 14/2017). DESIGN.md section 2.</summary>
public static class Ikm
{
    public static IkmCategory A { get; } = new("A", "Sangat Baik");
    public static IkmCategory B { get; } = new("B", "Baik");
    public static IkmCategory C { get; } = new("C", "Kurang Baik");
    public static IkmCategory D { get; } = new("D", "Tidak Baik");

    /// <summary>Unit value (1-4) x 25.</summary>
    public static decimal Convert(decimal unitValue) => unitValue * 25m;

    /// <summary>
    /// Category of a converted IKM value (25-100), taken at 2 decimals (half away from zero): A Sangat Baik
    /// 88,31-100; B Baik 76,61-88,30; C Kurang Baik 65,00-76,60; D Tidak Baik 25,00-64,99.
    /// </summary>
    public static IkmCategory Category(decimal convertedValue)
    {
        var v = Math.Round(convertedValue, 2, MidpointRounding.AwayFromZero);
        if (v < 25m || v > 100m)
        {
            throw new ArgumentOutOfRangeException(nameof(convertedValue), convertedValue, "an IKM value is 25-100");
        }

        return v switch
        {
            >= 88.31m => A,
            >= 76.61m => B,
            >= 65.00m => C,
            _ => D,
        };
    }

    /// <summary>Category from the unit value (1-4), e.g. 3,253 -> 81,33 -> B.</summary>
    public static IkmCategory CategoryOfUnitValue(decimal unitValue) => Category(Convert(unitValue));

    /// <summary>
    /// IKM from respondent answers: each respondent has nine answers 1-4 (null = not answered). NRR per element =
    /// sum of its answers / number of its answers. Throws when an answer is outside 1-4, a respondent does not have
    /// nine answers, or an element has no answer at all.
    /// </summary>
    public static IkmResult FromResponses(IEnumerable<IReadOnlyList<int?>> respondents)
    {
        ArgumentNullException.ThrowIfNull(respondents);
        var sums = new decimal[IkmElements.Count];
        var counts = new int[IkmElements.Count];
        var n = 0;
        foreach (var answers in respondents)
        {
            n++;
            if (answers.Count != IkmElements.Count)
            {
                throw new ArgumentException($"respondent {n}: {answers.Count} answers, expected {IkmElements.Count}");
            }

            for (var e = 0; e < IkmElements.Count; e++)
            {
                if (answers[e] is not { } a)
                {
                    continue;
                }

                if (a is < 1 or > 4)
                {
                    throw new ArgumentOutOfRangeException(nameof(respondents), $"respondent {n}, {IkmElements.Codes[e]}: {a} is not 1-4");
                }

                sums[e] += a;
                counts[e]++;
            }
        }

        if (n == 0)
        {
            throw new ArgumentException("no respondents", nameof(respondents));
        }

        var nrr = new decimal[IkmElements.Count];
        for (var e = 0; e < IkmElements.Count; e++)
        {
            if (counts[e] == 0)
            {
                throw new ArgumentException($"{IkmElements.Codes[e]} ({IkmElements.Names[e]}) has no answer", nameof(respondents));
            }

            nrr[e] = sums[e] / counts[e];
        }

        return new IkmResult(nrr, n);
    }

    /// <summary>IKM from nine element averages (NRR 1-4) entered as an aggregate.</summary>
    public static IkmResult FromElementAverages(IReadOnlyList<decimal> nrr, int respondents)
    {
        ArgumentNullException.ThrowIfNull(nrr);
        if (nrr.Count != IkmElements.Count)
        {
            throw new ArgumentException($"{nrr.Count} element values, expected {IkmElements.Count}", nameof(nrr));
        }

        for (var e = 0; e < nrr.Count; e++)
        {
            if (nrr[e] is < 1m or > 4m)
            {
                throw new ArgumentOutOfRangeException(nameof(nrr), $"{IkmElements.Codes[e]}: {nrr[e]} is not 1-4");
            }
        }

        return new IkmResult(nrr.ToList(), respondents);
    }
}
