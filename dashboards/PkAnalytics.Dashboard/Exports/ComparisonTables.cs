using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Exports;

/// <summary>
/// The tables of the Perbandingan OPD page, built once from a <see cref="RegencyPerformance"/>: the page renders
/// them and the CSV / XLSX exports write them, so both show the same numbers.
/// </summary>
public static class ComparisonTables
{
    public static readonly IReadOnlyList<(string Key, string Label)> Orders =
    [
        ("capaian", "Rata-rata capaian"),
        ("sakip", "Nilai SAKIP"),
        ("ikm", "Nilai IKM"),
        ("serapan", "Serapan anggaran"),
        ("anggaran", "Anggaran"),
    ];

    public static string NormaliseOrder(string? order) =>
        Orders.Any(o => o.Key == order) ? order! : Orders[0].Key;

    /// <summary>Agencies ranked by the chosen measure, highest first; agencies without it last, then by name.</summary>
    public static IReadOnlyList<AgencyPerformance> Rank(RegencyPerformance model, string? order)
    {
        Func<AgencyPerformance, decimal?> key = NormaliseOrder(order) switch
        {
            "sakip" => a => a.SakipScore,
            "ikm" => a => a.Row.IkmValue,
            "serapan" => a => a.BudgetRealisedPercent,
            "anggaran" => a => a.Row.Budget,
            _ => a => a.AverageCapaian,
        };
        return model.Agencies
            .OrderBy(a => key(a) is null)
            .ThenByDescending(a => key(a))
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
    }

    public static IReadOnlyList<ExportTable> Build(RegencyPerformance model, string? order) =>
        [Ranking(model, order), SakipTable(model), IkmTable(model), BudgetByProgram(model), CapaianTable(model)];

    public static ExportTable Ranking(RegencyPerformance model, string? order)
    {
        var ranked = Rank(model, order);
        return new ExportTable("peringkat", $"Peringkat OPD {model.Year}",
        [
            new("Peringkat", CellKind.Integer),
            new("Perangkat Daerah"),
            new("Rata-rata Capaian (%)", CellKind.Percent),
            new("Nilai SAKIP", CellKind.Decimal),
            new("Predikat SAKIP"),
            new("Nilai IKM", CellKind.Decimal),
            new("Kategori IKM"),
            new("Anggaran", CellKind.Money),
            new("Realisasi Anggaran", CellKind.Money),
            new("Serapan (%)", CellKind.Percent),
        ],
        ranked.Select((a, i) => (IReadOnlyList<object?>)
        [
            i + 1, a.Name, a.AverageCapaian, a.SakipScore, a.SakipPredicate, a.Row.IkmValue,
            a.IkmCategory is { } c ? $"{c.Code} ({c.Name})" : null,
            a.Row.Budget, a.Row.BudgetRealised, a.BudgetRealisedPercent,
        ]).ToList());
    }

    public static ExportTable SakipTable(RegencyPerformance model) => new("sakip", $"SAKIP {model.Year}",
    [
        new("Perangkat Daerah"),
        new("Target SAKIP", CellKind.Decimal),
        new("Perencanaan Kinerja (maks 30)", CellKind.Decimal),
        new("Pengukuran Kinerja (maks 30)", CellKind.Decimal),
        new("Pelaporan Kinerja (maks 15)", CellKind.Decimal),
        new("Evaluasi Internal (maks 25)", CellKind.Decimal),
        new("Nilai SAKIP", CellKind.Decimal),
        new("Predikat"),
    ],
    model.Agencies.Select(a => (IReadOnlyList<object?>)
    [
        a.Name, a.Row.SakipTarget, a.Row.SakipPerencanaan, a.Row.SakipPengukuran, a.Row.SakipPelaporan,
        a.Row.SakipEvaluasi, a.SakipScore, a.SakipPredicate,
    ]).ToList());

    public static ExportTable IkmTable(RegencyPerformance model) => new("ikm", $"IKM {model.Year}",
    [
        new("Perangkat Daerah"),
        new("Target IKM", CellKind.Decimal),
        new("Nilai IKM", CellKind.Decimal),
        new("Kategori"),
        new("Unit Layanan", CellKind.Integer),
        new("Responden", CellKind.Integer),
    ],
    model.Agencies.Select(a => (IReadOnlyList<object?>)
    [
        a.Name, a.Row.IkmTarget, a.Row.IkmValue, a.IkmCategory is { } c ? $"{c.Code} ({c.Name})" : null,
        a.Row.IkmValue is null ? null : a.Row.IkmUnits, a.Row.IkmRespondents,
    ]).ToList());

    public static ExportTable BudgetByProgram(RegencyPerformance model)
    {
        var agencies = model.Agencies;
        var columns = new List<ExportColumn> { new("Program") };
        columns.AddRange(agencies.Select(a => new ExportColumn(a.Name, CellKind.Money)));
        columns.Add(new("Jumlah", CellKind.Money));
        columns.Add(new("Realisasi", CellKind.Money));
        var rows = model.Programs.Select(p =>
        {
            var row = new List<object?> { p.Program };
            row.AddRange(agencies.Select(a => p.AmountByAgency.TryGetValue(a.AgencyId, out var v) ? (object?)v : null));
            row.Add(p.Amount);
            row.Add(p.Realised);
            return (IReadOnlyList<object?>)row;
        }).ToList();
        return new ExportTable("anggaran", $"Anggaran per Program {model.Year}", columns, rows);
    }

    public static ExportTable CapaianTable(RegencyPerformance model)
    {
        var columns = new List<ExportColumn> { new("Perangkat Daerah"), new("Indikator", CellKind.Integer) };
        columns.AddRange(model.BandSet.Bands.Select(b => new ExportColumn(b.Name, CellKind.Integer)));
        columns.Add(new("Tanpa Capaian", CellKind.Integer));
        columns.Add(new("Rata-rata Capaian (%)", CellKind.Percent));
        var rows = model.Agencies.Select(a =>
        {
            var row = new List<object?> { a.Name, a.Row.Indicators };
            row.AddRange(a.Bands.Select(b => (object?)b.Count));
            row.Add(a.Row.Indicators - a.IndicatorsWithCapaian);
            row.Add(a.AverageCapaian);
            return (IReadOnlyList<object?>)row;
        }).ToList();
        return new ExportTable("capaian", $"Capaian Indikator {model.Year}", columns, rows);
    }
}
