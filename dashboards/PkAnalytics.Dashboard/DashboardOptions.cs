namespace PkAnalytics.Dashboard;

/// <summary>Bound from the "Dashboard" configuration section.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>IANA time zone for every time shown; Luwu Timur is WITA (UTC+8).</summary>
    public string TimeZone { get; set; } = "Asia/Makassar";

    /// <summary>Largest document an upload may be, in megabytes (PK_MAX_UPLOAD_MB through ./pk).</summary>
    public int MaxUploadMegabytes { get; set; } = 20;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;

    /// <summary>
    /// How often a signed-in session is checked against its account (disabled, re-scoped, password reset): open
    /// pages and cookies of a changed account stop working within this many seconds.
    /// </summary>
    public int SessionCheckSeconds { get; set; } = 60;
}
