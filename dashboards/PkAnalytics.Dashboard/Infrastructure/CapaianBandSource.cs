using PkAnalytics.Domain.Rules;

namespace PkAnalytics.Dashboard.Infrastructure;

/// <summary>The capaian bands in force for a year (bands are data with an effective date; the default until set).</summary>
public sealed class CapaianBandSource
{
    public Task<CapaianBandSet> ForYearAsync(int year, CancellationToken cancellationToken = default)
    {
        _ = year;
        _ = cancellationToken;
        return Task.FromResult(CapaianBandSet.Default);
    }
}
