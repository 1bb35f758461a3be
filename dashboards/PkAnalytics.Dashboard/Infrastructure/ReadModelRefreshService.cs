using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Infrastructure;

/// <summary>
/// Keeps the dashboard read model current: rebuilds it once at start-up (before the first page is served) and
/// then whenever the data changed, checking every <see cref="Interval"/>. Several dashboard processes may run:
/// the refresher's advisory lock lets one rebuild at a time.
/// </summary>
public sealed class ReadModelRefreshService(DashboardReadModelRefresher refresher, ILogger<ReadModelRefreshService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryRefreshAsync(force: true, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await TryRefreshAsync(force: false, stoppingToken);
        }
    }

    private async Task TryRefreshAsync(bool force, CancellationToken cancellationToken)
    {
        try
        {
            if (await refresher.RefreshAsync(force, cancellationToken))
            {
                logger.LogInformation("Dashboard read model rebuilt.");
            }
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning("Dashboard read model not rebuilt ({Message}); next try in {Seconds} s.", e.Message, Interval.TotalSeconds);
        }
    }
}
