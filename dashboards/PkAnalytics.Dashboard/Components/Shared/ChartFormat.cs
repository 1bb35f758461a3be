using System.Globalization;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Components.Shared;

/// <summary>How a chart writes its values (axis ticks, bar labels, tooltips).</summary>
public enum ChartValue
{
    /// <summary>`20.000`, `62,04`.</summary>
    Number,

    /// <summary>`Rp 1,2 M`, `Rp 850 jt` (miliar, juta).</summary>
    Rupiah,

    /// <summary>`85,2%`.</summary>
    Percent,

    /// <summary>Whole counts: `73`.</summary>
    Count,
}

/// <summary>
/// Chart numbers in id-ID (`.` groups thousands, `,` is the decimal mark: Radzen's own formatting ignores the
/// culture), short Rupiah for axes and labels, and round axis steps (1, 2, 2,5 or 5 times a power of ten).
/// </summary>
public static class ChartFormat
{
    private static readonly CultureInfo Id = IndonesianFormat.Culture;

    public static string Format(ChartValue kind, object? value) => Format(kind, ToDouble(value));

    public static string Format(ChartValue kind, double value) => kind switch
    {
        ChartValue.Rupiah => Rupiah(value),
        ChartValue.Percent => value.ToString("#,##0.#", Id) + "%",
        ChartValue.Count => value.ToString("#,##0", Id),
        _ => Number(value),
    };

    /// <summary>The full value for tooltips: `Rp 41.234.567.890`, `62,04`.</summary>
    public static string Full(ChartValue kind, double value) => kind switch
    {
        ChartValue.Rupiah => IndonesianFormat.Rupiah((decimal)Math.Round(value, 0)),
        ChartValue.Percent => IndonesianFormat.Percent((decimal)value),
        ChartValue.Count => ((long)Math.Round(value)).ToString("N0", Id),
        _ => IndonesianFormat.Number((decimal)value),
    };

    public static string Number(object? value) => Number(ToDouble(value));

    public static string Number(double value) => value.ToString("#,##0.##", Id);

    /// <summary>`Rp 1,2 T`, `Rp 41,2 M`, `Rp 850 jt`, `Rp 12 rb`, `Rp 0`.</summary>
    public static string Rupiah(double value)
    {
        var abs = Math.Abs(value);
        var sign = value < 0 ? "-" : "";
        var (scaled, unit) = abs switch
        {
            >= 1e12 => (abs / 1e12, " T"),
            >= 1e9 => (abs / 1e9, " M"),
            >= 1e6 => (abs / 1e6, " jt"),
            >= 1e3 => (abs / 1e3, " rb"),
            _ => (abs, ""),
        };
        return $"{sign}Rp {scaled.ToString(scaled >= 100 ? "#,##0" : "#,##0.#", Id)}{unit}";
    }

    /// <summary>A round step giving about <paramref name="ticks"/> intervals up to <paramref name="max"/>.</summary>
    public static double NiceStep(double max, int ticks = 5)
    {
        if (max <= 0 || double.IsNaN(max) || double.IsInfinity(max))
        {
            return 1;
        }

        var raw = max / ticks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>The axis end: the data's maximum rounded up to a whole step.</summary>
    public static double NiceMax(double max, double step) => max <= 0 ? step : Math.Ceiling(max / step - 1e-9) * step;

    private static double ToDouble(object? value) => value switch
    {
        null => 0,
        double d => d,
        IConvertible c => c.ToDouble(CultureInfo.InvariantCulture),
        _ => 0,
    };
}
