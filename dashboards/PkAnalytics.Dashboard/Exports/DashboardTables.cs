using PkAnalytics.Domain.Rules;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Exports;

/// <summary>
/// The tables of the overview, the findings page and the agency page, built once: the pages render them and the
/// CSV / XLSX downloads write them, so a download holds the numbers the screen shows.
/// </summary>
public static class OverviewTables
{
    public static ExportTable Agencies(RegencyPerformance model) => new("opd", $"Perangkat Daerah {model.Year}",
    [
        new("Perangkat Daerah"),
        new("Perjanjian", CellKind.Integer),
        new("Indikator", CellKind.Integer),
        new("Anggaran", CellKind.Money),
        new("Realisasi Anggaran", CellKind.Money),
        new("Serapan (%)", CellKind.Percent),
        new("Nilai SAKIP", CellKind.Decimal),
        new("Predikat SAKIP"),
        new("Nilai IKM", CellKind.Decimal),
        new("Kategori IKM"),
        new("Rata-rata Capaian (%)", CellKind.Percent),
    ],
    model.Agencies.Select(a => (IReadOnlyList<object?>)
    [
        a.Name, a.Row.Agreements, a.Row.Indicators, a.Row.Budget, a.Row.BudgetRealised, a.BudgetRealisedPercent,
        a.SakipScore, a.SakipPredicate, a.Row.IkmValue, a.IkmCategory is { } c ? $"{c.Code} ({c.Name})" : null,
        a.AverageCapaian,
    ]).ToList());
}

public static class FindingTables
{
    /// <summary>Every finding the filter selects (the download is not cut at the page's first rows).</summary>
    public const int ExportLimit = 1_000_000;

    public static ExportTable Findings(FindingList list) => new("temuan", "Temuan Data",
    [
        new("Tingkat"),
        new("Jenis"),
        new("Perangkat Daerah"),
        new("Dokumen"),
        new("Baris", CellKind.Integer),
        new("Perjanjian"),
        new("Keterangan"),
    ],
    list.Rows.Select(f => (IReadOnlyList<object?>)
    [
        FindingsReadModel.SeverityLabel(f.Severity), FindingsReadModel.KindLabel(f.Code), f.Agency, f.FileName, f.Line,
        f.AgreementId is null ? null : f.Position ?? "perjanjian", f.Message,
    ]).ToList());
}

/// <summary>The agency page's numbers: capaian of every indicator row, and its indicator and budget tables.</summary>
public sealed class AgencyTables(AgencyDetail detail, CapaianBandSet bands)
{
    private readonly ILookup<int, QuarterValueRow> realisation = detail.Realisation.ToLookup(r => r.IndicatorId);
    private readonly Dictionary<int, AgreementRow> agreements = detail.Agreements.ToDictionary(a => a.AgreementId);

    public AgencyDetail Detail => detail;

    public CapaianBandSet Bands => bands;

    public IndicatorCapaian CapaianOf(AgreementIndicatorRow t)
    {
        var q = realisation[t.IndicatorId].ToDictionary(r => r.Quarter);
        return RegencyPerformance.Compute(new CapaianInputRow
        {
            AgencyId = detail.AgencyId, IndicatorId = t.IndicatorId, Indicator = t.Indicator, Polarity = t.Polarity,
            Aggregation = t.Aggregation, Category = t.Category, Target = t.TargetValue,
            Q1 = q.GetValueOrDefault(1)?.Value, Q2 = q.GetValueOrDefault(2)?.Value,
            Q3 = q.GetValueOrDefault(3)?.Value, Q4 = q.GetValueOrDefault(4)?.Value,
            IsSample = q.Values.Any(v => v.IsSample),
        }, bands);
    }

    /// <summary>The agreement as a column value: its first party's position, and whether it is an amendment.</summary>
    public string AgreementLabel(int agreementId) =>
        agreements.TryGetValue(agreementId, out var a)
            ? (a.Position ?? "(jabatan tidak dikenal)") + (a.Kind == "amendment" ? " (Perubahan)" : "") + (a.IsCurrent ? "" : " - tidak berlaku lagi")
            : "";

    /// <summary>Indicator rows of one agreement (as on its card), or of every agreement of the year with their agreement.</summary>
    public ExportTable Indicators(int? agreementId = null)
    {
        var columns = new List<ExportColumn>();
        if (agreementId is null)
        {
            columns.Add(new("Perjanjian"));
        }

        columns.AddRange(
        [
            new("Indikator"), new("Sasaran"), new("Target"),
            new("TW I", CellKind.Decimal), new("TW II", CellKind.Decimal), new("TW III", CellKind.Decimal), new("TW IV", CellKind.Decimal),
            new("Realisasi", CellKind.Decimal), new("Capaian", CellKind.Percent), new("Kategori"), new("Sumber", Class: "src"),
        ]);
        var rows = detail.Indicators.Where(t => agreementId is null || t.AgreementId == agreementId).Select(t =>
        {
            var c = CapaianOf(t);
            var row = new List<object?>();
            if (agreementId is null)
            {
                row.Add(AgreementLabel(t.AgreementId));
            }

            row.AddRange([t.Indicator, t.Objective, t.TargetRaw]);
            row.AddRange(c.Input.Quarters.Select(q => (object?)q));
            row.AddRange([c.Realisation, c.Capaian, c.Band, $"{t.FileName}:{t.Line}"]);
            return (IReadOnlyList<object?>)row;
        }).ToList();
        return new ExportTable("indikator", $"Indikator {detail.Name} {detail.Year}", columns, rows);
    }

    /// <summary>Budget lines of one agreement, or of every agreement of the year with their agreement.</summary>
    public ExportTable Budget(int? agreementId = null)
    {
        var columns = new List<ExportColumn>();
        if (agreementId is null)
        {
            columns.Add(new("Perjanjian"));
        }

        columns.AddRange(
        [
            new("Program / Kegiatan / Sub Kegiatan"), new("Anggaran", CellKind.Money), new("Sumber Dana"),
            new("Realisasi", CellKind.Money), new("Sumber", Class: "src"),
        ]);
        var rows = Lines(agreementId).Select(l =>
        {
            var row = new List<object?>();
            if (agreementId is null)
            {
                row.Add(AgreementLabel(l.AgreementId));
            }

            row.AddRange([LevelLabel(l.Level) + " " + l.Name, l.Amount, l.FundingSource, l.Realised, $"{l.FileName}:{l.Line}"]);
            return (IReadOnlyList<object?>)row;
        }).ToList();
        return new ExportTable("anggaran", $"Anggaran {detail.Name} {detail.Year}", columns, rows);
    }

    public IReadOnlyList<BudgetLineRow> Lines(int? agreementId) =>
        detail.Budget.Where(b => agreementId is null || b.AgreementId == agreementId).ToList();

    public static string LevelLabel(string level) => level switch
    {
        "program" => "Program:",
        "kegiatan" => "Kegiatan:",
        _ => "Sub Kegiatan:",
    };
}
