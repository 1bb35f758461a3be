using PkAnalytics.Domain.Rules;
using PkAnalytics.Warehouse.Realisation;

namespace PkAnalytics.Dashboard.Infrastructure;

/// <summary>
/// The capaian bands for a year's figures: the set (table capaian_band) in force on the last day of that year, or
/// today for the running year.
/// </summary>
public sealed class CapaianBandSource(IndicatorSettingsStore settings, WitaClock clock)
{
    public Task<CapaianBandSet> ForYearAsync(int year, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.Now.DateTime);
        var endOfYear = new DateOnly(year, 12, 31);
        return settings.BandSetOnAsync(endOfYear < today ? endOfYear : today, cancellationToken);
    }
}
