namespace PkAnalytics.Dashboard.Components.Shared;

/// <summary>One bar of a chart: category label, value and fill colour.</summary>
public sealed record ChartPoint(string Label, double Value, string Fill, string? Text = null);
