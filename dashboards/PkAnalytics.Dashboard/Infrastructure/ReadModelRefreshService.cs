using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Infrastructure;

/// <summary>
/// Keeps the dashboard read model current: rebuilds it once at start-up (before the first page is served) and
/// then whenever the data changed, checking every <see cref="Interval"/> (and after a rebuild waiting twice as long
/// as it took, so a large database being edited continuously does not keep a core busy). Several dashboard
/// processes may run: the refresher's advisory lock lets one rebuild at a time.
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
        while (!stoppingToken.IsCancellationRequested)
        {
            var pause = Interval + (lastRebuilt ? refresher.LastDuration * 2 : TimeSpan.Zero);
            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await TryRefreshAsync(force: false, stoppingToken);
        }
    }

    private bool lastRebuilt;

    private async Task TryRefreshAsync(bool force, CancellationToken cancellationToken)
    {
        lastRebuilt = false;
        try
        {
            if (await refresher.RefreshAsync(force, cancellationToken))
            {
                lastRebuilt = true;
                logger.LogInformation("Dashboard read model rebuilt in {Milliseconds} ms.", (int)refresher.LastDuration.TotalMilliseconds);
            }
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning("Dashboard read model not rebuilt ({Message}); next try in {Seconds} s.", e.Message, Interval.TotalSeconds);
        }
    }
}
