using System.Globalization;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Exports;

/// <summary>How a column's values are written: on screen (id-ID), in CSV and in XLSX.</summary>
public enum CellKind
{
    Text,
    Integer,
    Decimal,
    Money,
    Percent,
}

public sealed record ExportColumn(string Title, CellKind Kind = CellKind.Text, int Decimals = 2, string? Class = null)
{
    public bool IsNumeric => Kind is not CellKind.Text;
}

/// <summary>
/// A table as the page shows it and as it is exported: the page renders these rows, and the CSV / XLSX are written
/// from the same values rounded the same way, so exported numbers equal the screen's.
/// </summary>
public sealed record ExportTable(string Key, string Title, IReadOnlyList<ExportColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>The value as shown on screen.</summary>
    public string Display(int column, object? value)
    {
        var c = Columns[column];
        return (c.Kind, value) switch
        {
            (_, null) => "-",
            (CellKind.Text, _) => Text(column, value),
            (CellKind.Integer, _) => IndonesianFormat.Integer(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            (CellKind.Money, _) => IndonesianFormat.Rupiah(Number(column, value)!.Value),
            (CellKind.Percent, _) => IndonesianFormat.Percent(Number(column, value), c.Decimals),
            _ => IndonesianFormat.Number(Number(column, value), c.Decimals),
        };
    }

    /// <summary>A text cell as exported and shown.</summary>
    public string Text(int column, object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    /// <summary>The numeric value as exported: rounded to the column's decimals, exactly as the screen shows it.</summary>
    public decimal? Number(int column, object? value)
    {
        if (value is null)
        {
            return null;
        }

        var c = Columns[column];
        var d = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
        return c.Kind switch
        {
            CellKind.Integer => decimal.Truncate(d),
            CellKind.Money => Math.Round(d, 2, MidpointRounding.AwayFromZero),
            _ => Math.Round(d, c.Decimals, MidpointRounding.AwayFromZero),
        };
    }
}
