namespace PkAnalytics.Dashboard.Components.Shared;

/// <summary>One bar of a chart: category label, value and fill colour.</summary>
public sealed record ChartPoint(string Label, double Value, string Fill, string? Text = null)
{
    public const int MaxLabelLength = 24;

    /// <summary>A point whose label is cut to <see cref="MaxLabelLength"/> characters (axis labels do not wrap).</summary>
    public static ChartPoint Short(string label, double value, string fill) =>
        new(label.Length <= MaxLabelLength ? label : label[..(MaxLabelLength - 1)].TrimEnd() + "\u2026", value, fill, label);

    /// <summary>Puts back the full label where two cut labels would be equal (the axis would merge their bars).</summary>
    public static IReadOnlyList<ChartPoint> Unique(IEnumerable<ChartPoint> points)
    {
        var list = points.ToList();
        var clashing = list.GroupBy(p => p.Label).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return list.Select(p => clashing.Contains(p.Label) && p.Text is not null ? p with { Label = p.Text } : p).ToList();
    }
}
