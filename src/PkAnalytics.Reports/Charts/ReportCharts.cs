using System.Globalization;
using ScottPlot;

namespace PkAnalytics.Reports.Charts;

/// <summary>One bar: its label, value and fill (the dashboard's predicate / category / band colours).</summary>
public sealed record BarPoint(string Label, double Value, string Fill, string? ValueText = null);

/// <summary>
/// The report charts, drawn with ScottPlot: SVG for the PDF (vector, text stays text), PNG for the e-mail body.
/// Labels and values are formatted the Indonesian way, fonts set explicitly (the default resolved to a serif here).
/// </summary>
public static class ReportCharts
{
    public const string FontName = "DejaVu Sans";
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");
    private static readonly Lock FontGate = new();
    private static bool fontSet;

    public const int Width = 680;

    private static void EnsureFont()
    {
        lock (FontGate)
        {
            if (!fontSet)
            {
                Fonts.Default = FontName;
                fontSet = true;
            }
        }
    }

    /// <summary>Horizontal bars, one per category (top to bottom in the given order).</summary>
    public static Plot HorizontalBars(IReadOnlyList<BarPoint> points, string axisLabel, double? max = null)
    {
        EnsureFont();
        var plot = new Plot();
        Style(plot);
        var n = points.Count;
        var bars = points.Select((p, i) => new Bar
        {
            Position = n - 1 - i,
            Value = p.Value,
            FillColor = Color.FromHex(p.Fill),
            LineWidth = 0,
            Label = p.ValueText ?? p.Value.ToString("N2", Indonesian),
        }).ToList();
        var series = plot.Add.Bars(bars);
        series.Horizontal = true;
        series.ValueLabelStyle.FontName = FontName;
        series.ValueLabelStyle.FontSize = 11;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < n; i++)
        {
            ticks.AddMajor(n - 1 - i, Shorten(points[i].Label, 34));
        }

        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = NumberTicks();
        plot.Axes.Bottom.Label.Text = axisLabel;
        var top = max ?? Math.Max(1, points.Max(p => p.Value) * 1.15);
        plot.Axes.SetLimits(0, top, -0.6, n - 0.4);
        return plot;
    }

    /// <summary>Vertical columns (capaian bands, SAKIP components).</summary>
    public static Plot Columns(IReadOnlyList<BarPoint> points, string axisLabel, double? max = null)
    {
        EnsureFont();
        var plot = new Plot();
        Style(plot);
        var bars = points.Select((p, i) => new Bar
        {
            Position = i,
            Value = p.Value,
            FillColor = Color.FromHex(p.Fill),
            LineWidth = 0,
            Label = p.ValueText ?? p.Value.ToString("N0", Indonesian),
        }).ToList();
        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontName = FontName;
        series.ValueLabelStyle.FontSize = 11;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < points.Count; i++)
        {
            ticks.AddMajor(i, Shorten(points[i].Label, 18));
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickGenerator = NumberTicks(integers: points.All(p => p.Value == Math.Round(p.Value)));
        plot.Axes.Left.Label.Text = axisLabel;
        var top = max ?? Math.Max(1, points.Max(p => p.Value) * 1.2);
        plot.Axes.SetLimits(-0.6, points.Count - 0.4, 0, top);
        return plot;
    }

    /// <summary>Budget (grey) and realisation (blue) per program, horizontal, in million Rupiah.</summary>
    public static Plot BudgetBars(IReadOnlyList<(string Program, decimal Amount, decimal Realised)> programs)
    {
        EnsureFont();
        var plot = new Plot();
        Style(plot);
        var n = programs.Count;
        var budget = new List<Bar>();
        var realised = new List<Bar>();
        for (var i = 0; i < n; i++)
        {
            var y = (n - 1 - i) * 1.0;
            var amount = (double)(programs[i].Amount / 1_000_000m);
            var done = (double)(programs[i].Realised / 1_000_000m);
            budget.Add(new Bar { Position = y + 0.18, Value = amount, Size = 0.36, FillColor = Color.FromHex("#90a4ae"), LineWidth = 0, Label = amount.ToString("N1", Indonesian) });
            realised.Add(new Bar { Position = y - 0.18, Value = done, Size = 0.36, FillColor = Color.FromHex("#1565c0"), LineWidth = 0, Label = done.ToString("N1", Indonesian) });
        }

        var b = plot.Add.Bars(budget);
        b.Horizontal = true;
        b.LegendText = "Anggaran";
        b.ValueLabelStyle.FontName = FontName;
        b.ValueLabelStyle.FontSize = 10;
        var r = plot.Add.Bars(realised);
        r.Horizontal = true;
        r.LegendText = "Realisasi";
        r.ValueLabelStyle.FontName = FontName;
        r.ValueLabelStyle.FontSize = 10;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < n; i++)
        {
            ticks.AddMajor(n - 1 - i, Shorten(programs[i].Program, 34));
        }

        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = NumberTicks();
        plot.Axes.Bottom.Label.Text = "juta Rp";
        var top = Math.Max(1, programs.Max(p => (double)(Math.Max(p.Amount, p.Realised) / 1_000_000m)) * 1.2);
        plot.Axes.SetLimits(0, top, -0.6, n - 0.4);
        plot.ShowLegend(Alignment.LowerRight);
        plot.Legend.FontName = FontName;
        return plot;
    }

    public static int HeightFor(int bars) => Math.Max(170, 30 * bars + 70);

    public static string Svg(Plot plot, int height, int width = Width) => plot.GetSvgXml(width, height);

    public static byte[] Png(Plot plot, int height, int width = 560) => plot.GetImageBytes(width, height, ImageFormat.Png);

    private static void Style(Plot plot)
    {
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Color.FromHex("#e0e0e0");
        plot.Axes.Right.IsVisible = false;
        plot.Axes.Top.IsVisible = false;
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
        {
            axis.TickLabelStyle.FontName = FontName;
            axis.TickLabelStyle.FontSize = 11;
            axis.Label.FontName = FontName;
            axis.Label.FontSize = 11;
            axis.Label.Bold = false;
        }
    }

    private static ScottPlot.TickGenerators.NumericAutomatic NumberTicks(bool integers = false) => new()
    {
        LabelFormatter = v => v.ToString(integers || Math.Abs(v) >= 10 ? "N0" : "N1", Indonesian),
        IntegerTicksOnly = integers,
    };

    private static string Shorten(string text, int max) =>
        text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "\u2026";
}
