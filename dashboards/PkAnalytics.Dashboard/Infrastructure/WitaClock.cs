using Microsoft.Extensions.Options;

namespace PkAnalytics.Dashboard.Infrastructure;

/// <summary>Converts instants to the regency's local time (Asia/Makassar by default) for display.</summary>
public sealed class WitaClock(IOptions<DashboardOptions> options, TimeProvider? timeProvider = null)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone);

    public DateTimeOffset ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), zone);
}
