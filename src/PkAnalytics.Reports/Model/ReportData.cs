using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Reports.Model;

/// <summary>One indicator's target and realisation for the year, with capaian and band from the read model.</summary>
public sealed class IndicatorLine
{
    public int AgencyId { get; init; }
    public string Agency { get; init; } = "";
    public int IndicatorId { get; init; }
    public string Indicator { get; init; } = "";
    public string? Unit { get; init; }
    public string? TargetRaw { get; init; }
    public decimal? Target { get; init; }
    public decimal? Q1 { get; init; }
    public decimal? Q2 { get; init; }
    public decimal? Q3 { get; init; }
    public decimal? Q4 { get; init; }
    public decimal? Realisation { get; init; }
    public decimal? Capaian { get; init; }
    public string? Band { get; init; }
    public string Aggregation { get; init; } = "nilai_akhir";
    public string Polarity { get; init; } = "higher_is_better";
    public bool IsSample { get; init; }
}

/// <summary>Findings of one kind and severity (for one agency in a Laporan Kabupaten).</summary>
public sealed class FindingCount
{
    public int? AgencyId { get; init; }
    public string? Agency { get; init; }
    public string Code { get; init; } = "";
    public string Severity { get; init; } = "info";
    public int Count { get; init; }
}

/// <summary>A program with its budget and realisation in the report's scope.</summary>
public sealed record ProgramLine(string Program, decimal Amount, decimal Realised)
{
    public decimal? RealisedPercent => Amount > 0 ? Realised / Amount * 100m : null;
}

/// <summary>A chart as drawn for the report: SVG for the PDF (vector), with the number of bars it shows.</summary>
public sealed record ReportChart(string Key, string Title, string Svg, int Bars);

/// <summary>
/// Everything a report shows, read with one viewer's scope. <see cref="ExpectedCharts"/> and
/// <see cref="ExpectedTables"/> say what must be in the rendered document because the data exists: the printer
/// checks them in the page before it prints, so a report with a missing chart or an empty table fails.
/// </summary>
public sealed record ReportData
{
    public const string Regency = "Kabupaten Luwu Timur";

    public required ReportRequest Request { get; init; }
    public required ViewerScope Scope { get; init; }
    public required string Title { get; init; }
    public string? AgencyName { get; init; }
    public required int Year { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    public required string ZoneAbbreviation { get; init; }
    public DateTimeOffset? LastDocumentLoadedAt { get; init; }
    public DateTimeOffset? LastRealisationAt { get; init; }
    public required RegencyPerformance Performance { get; init; }
    public required IReadOnlyList<ProgramLine> Programs { get; init; }
    public required IReadOnlyList<IndicatorLine> Indicators { get; init; }
    public required IReadOnlyList<FindingCount> FindingCounts { get; init; }

    /// <summary>Every finding (Laporan OPD only; the Laporan Kabupaten summarises them per agency).</summary>
    public required IReadOnlyList<FindingRow> Findings { get; init; }

    public required bool HasSampleData { get; init; }
    public required IReadOnlyDictionary<string, ReportChart> Charts { get; init; }

    public int FindingTotal => FindingCounts.Sum(f => f.Count);

    public string PeriodLabel => Request.Period.Label;

    /// <summary>Chart keys that must be drawn: those with data.</summary>
    public IReadOnlyList<string> ExpectedCharts => Charts.Values.Where(c => c.Bars > 0).Select(c => c.Key).ToList();

    /// <summary>Tables that must be present with exactly this many body rows.</summary>
    public IReadOnlyDictionary<string, int> ExpectedTables { get; init; } = new Dictionary<string, int>();
}
