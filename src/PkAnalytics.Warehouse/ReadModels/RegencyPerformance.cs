using PkAnalytics.Domain.Rules;

namespace PkAnalytics.Warehouse.ReadModels;

/// <summary>An indicator's capaian for the year, computed by the Domain rules from a <see cref="CapaianInputRow"/>.</summary>
public sealed record IndicatorCapaian(CapaianInputRow Input, decimal? Realisation, decimal? Capaian, string? Band);

/// <summary>How many indicators fall in each band (bands from the highest), plus those without a capaian.</summary>
public sealed record BandCount(string Band, int Count);

/// <summary>One agency's performance for the year: stored figures plus what the Domain rules derive from them.</summary>
public sealed record AgencyPerformance(
    AgencyYearRow Row,
    decimal? SakipScore,
    string? SakipPredicate,
    IkmCategory? IkmCategory,
    IReadOnlyList<BandCount> Bands,
    int IndicatorsWithCapaian,
    decimal? AverageCapaian,
    IReadOnlyList<string> AttentionReasons)
{
    public int AgencyId => Row.AgencyId;

    public string Name => Row.Name;

    /// <summary>Budget realised as a percentage of the budget; null without budget.</summary>
    public decimal? BudgetRealisedPercent => Row.Budget > 0 ? Row.BudgetRealised / Row.Budget * 100m : null;

    public bool NeedsAttention => AttentionReasons.Count > 0;
}

/// <summary>One program across the agencies shown: its budget and realisation in total and per agency.</summary>
public sealed record ProgramAcrossAgencies(int ProgramId, string Program, decimal Amount, decimal Realised, IReadOnlyDictionary<int, decimal> AmountByAgency);

/// <summary>
/// The overview / comparison model: a <see cref="PerformanceSnapshot"/> with capaian, bands, SAKIP predicates and
/// IKM categories from the Domain rules (the one implementation shared with reports).
/// </summary>
public sealed class RegencyPerformance
{
    /// <summary>Share of indicators in the two lowest bands from which an agency is flagged.</summary>
    public const decimal LowBandShareThreshold = 0.25m;

    private RegencyPerformance(PerformanceSnapshot snapshot, CapaianBandSet bands)
    {
        Snapshot = snapshot;
        BandSet = bands;
        var byAgency = snapshot.Bands.ToLookup(b => b.AgencyId);
        Agencies = snapshot.Agencies.Select(a => Build(a, byAgency[a.AgencyId].ToList(), bands)).ToList();
        Bands = bands.Bands.Select(b => new BandCount(b.Name, Agencies.Sum(a => a.Bands.Where(x => x.Band == b.Name).Sum(x => x.Count)))).ToList();
        Programs = snapshot.Programs
            .GroupBy(p => (p.ProgramId, p.Program))
            .Select(g => new ProgramAcrossAgencies(g.Key.ProgramId, g.Key.Program, g.Sum(p => p.Amount), g.Sum(p => p.Realised),
                g.GroupBy(p => p.AgencyId).ToDictionary(x => x.Key, x => x.Sum(p => p.Amount))))
            .OrderByDescending(p => p.Amount).ThenBy(p => p.Program, StringComparer.Ordinal)
            .ToList();
    }

    public static RegencyPerformance From(PerformanceSnapshot snapshot, CapaianBandSet bands) => new(snapshot, bands);

    public PerformanceSnapshot Snapshot { get; }

    public CapaianBandSet BandSet { get; }

    public int Year => Snapshot.Year;

    public IReadOnlyList<AgencyPerformance> Agencies { get; }

    /// <summary>Capaian distribution over the bands for every indicator shown.</summary>
    public IReadOnlyList<BandCount> Bands { get; }

    public IReadOnlyList<ProgramAcrossAgencies> Programs { get; }

    /// <summary>True when any figure shown comes from sample data (pk etl demo-data), so pages show the badge.</summary>
    public bool HasSampleData =>
        Agencies.Any(a => a.Row.SakipIsSample || a.Row.IkmIsSample || a.Row.BudgetRealisedIsSample || a.Row.IndicatorIsSample);

    public int AgreementCount => Agencies.Sum(a => a.Row.Agreements);

    /// <summary>Agencies with at least one agreement in the year.</summary>
    public int AgenciesWithAgreements => Agencies.Count(a => a.Row.Agreements > 0);

    public int IndicatorCount => Agencies.Sum(a => a.Row.Indicators);

    public int IndicatorsWithCapaian => Agencies.Sum(a => a.IndicatorsWithCapaian);

    /// <summary>When data last arrived: documents loaded, realisation entered (in the viewer's scope).</summary>
    public DateTime? LastRealisationAt => Agencies.Max(a => a.Row.LastRealisationAt);

    public decimal TotalBudget => Agencies.Sum(a => a.Row.Budget);

    public decimal TotalBudgetRealised => Agencies.Sum(a => a.Row.BudgetRealised);

    /// <summary>Mean SAKIP target of the agencies that set one.</summary>
    public decimal? AverageSakipTarget => Mean(Agencies.Select(a => a.Row.SakipTarget));

    /// <summary>Mean SAKIP evaluation score of the agencies evaluated this year.</summary>
    public decimal? AverageSakipScore => Mean(Agencies.Select(a => a.SakipScore));

    public string? AverageSakipPredicate => AverageSakipScore is { } s ? Sakip.Predicate(s) : null;

    public int SakipEvaluated => Agencies.Count(a => a.SakipScore is not null);

    public decimal? AverageIkmTarget => Mean(Agencies.Select(a => a.Row.IkmTarget));

    public decimal? AverageIkm => Mean(Agencies.Select(a => a.Row.IkmValue));

    public IkmCategory? AverageIkmCategory => AverageIkm is { } v ? Ikm.Category(v) : null;

    public int IkmSurveyed => Agencies.Count(a => a.Row.IkmValue is not null);

    public IReadOnlyList<AgencyPerformance> NeedingAttention =>
        Agencies.Where(a => a.NeedsAttention).OrderByDescending(a => a.AttentionReasons.Count).ThenBy(a => a.Name, StringComparer.Ordinal).ToList();

    public static IndicatorCapaian Compute(CapaianInputRow input, CapaianBandSet bands)
    {
        var realisation = QuarterAggregation.Aggregate(input.Quarters, PolarityCodes.ParseAggregation(input.Aggregation));
        var capaian = Capaian.Compute(realisation, input.Target, PolarityCodes.ParsePolarity(input.Polarity));
        return new IndicatorCapaian(input, realisation, capaian, bands.Lookup(capaian)?.Name);
    }

    private static AgencyPerformance Build(AgencyYearRow row, IReadOnlyList<AgencyBandRow> bandRows, CapaianBandSet bands)
    {
        decimal? sakip = row is { SakipPerencanaan: { } p1, SakipPengukuran: { } p2, SakipPelaporan: { } p3, SakipEvaluasi: { } p4 }
            ? new SakipScore(p1, p2, p3, p4).Total
            : null;
        var predicate = sakip is { } s ? Sakip.Predicate(s) : null;
        var ikmCategory = row.IkmValue is { } v ? Ikm.Category(v) : null;
        var counts = bands.Bands.Select(b => new BandCount(b.Name, bandRows.Where(r => r.Band == b.Name).Sum(r => r.Count))).ToList();
        var withCapaian = row.IndicatorsWithCapaian;
        decimal? average = withCapaian > 0 && row.CapaianSum is { } sum ? sum / withCapaian : null;

        var reasons = new List<string>();
        if (row.Agreements == 0)
        {
            reasons.Add("Belum ada perjanjian kinerja tahun ini");
        }

        if (sakip is { } score && row.SakipTarget is { } target && score < target)
        {
            reasons.Add("Nilai SAKIP di bawah target");
        }

        if (row.Budget > 0 && row.BudgetRealised > row.Budget)
        {
            // Possible in real data (a budget shift not in the agreement yet, a mistyped month): worth a look.
            reasons.Add($"Realisasi anggaran {IndonesianFormat.Percent(row.BudgetRealised / row.Budget * 100m)} dari pagu " +
                        $"({IndonesianFormat.Rupiah(row.BudgetRealised)} dari {IndonesianFormat.Rupiah(row.Budget)})");
        }

        if (ikmCategory is { Code: "C" or "D" })
        {
            reasons.Add($"IKM {ikmCategory.Name}");
        }

        if (withCapaian > 0)
        {
            var lowBands = bands.Bands.TakeLast(2).Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
            var low = counts.Where(c => lowBands.Contains(c.Band)).Sum(c => c.Count);
            if ((decimal)low / withCapaian >= LowBandShareThreshold)
            {
                reasons.Add($"{low} dari {withCapaian} indikator bercapaian {string.Join(" / ", lowBands.Reverse())}");
            }
        }
        else if (row.Indicators > 0)
        {
            reasons.Add("Belum ada realisasi indikator");
        }

        return new AgencyPerformance(row, sakip, predicate, ikmCategory, counts, withCapaian, average, reasons);
    }

    private static decimal? Mean(IEnumerable<decimal?> values)
    {
        var list = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return list.Count == 0 ? null : list.Sum() / list.Count;
    }
}
