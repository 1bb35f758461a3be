namespace PkAnalytics.Dashboard;

/// <summary>Bound from the "Dashboard" configuration section.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>IANA time zone for every time shown; Luwu Timur is WITA (UTC+8).</summary>
    public string TimeZone { get; set; } = "Asia/Makassar";
}
