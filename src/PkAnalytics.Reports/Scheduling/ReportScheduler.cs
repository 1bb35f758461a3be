using Dapper;
using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PkAnalytics.Reports.Model;
using PkAnalytics.Reports.Subscriptions;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Reports.Scheduling;

/// <summary>
/// Keeps one Hangfire recurring job per active subscription (its cron in its time zone), enqueues "kirim
/// sekarang", and at start-up enqueues the last scheduled run of each subscription that did not reach every
/// recipient (a run missed while every process was down).
/// </summary>
public sealed class ReportScheduler(
    IRecurringJobManager recurring,
    IBackgroundJobClient jobs,
    JobStorage storage,
    SubscriptionStore store,
    NpgsqlDataSource dataSource,
    TimeProvider time,
    ILogger<ReportScheduler> logger)
{
    public const string JobPrefix = "laporan-";

    public static string JobId(int subscriptionId) => JobPrefix + subscriptionId;

    public void Sync(ReportSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var id = subscription.SubscriptionId;
        if (!subscription.Active)
        {
            recurring.RemoveIfExists(JobId(id));
            return;
        }

        var schedule = CronSchedule.Parse(subscription.Cron, subscription.TimeZone);
        recurring.AddOrUpdate<ReportJobs>(JobId(id), j => j.RunScheduledAsync(id, CancellationToken.None), schedule.Expression,
            new RecurringJobOptions { TimeZone = schedule.Zone });
    }

    public void Remove(int subscriptionId) => recurring.RemoveIfExists(JobId(subscriptionId));

    /// <summary>Sends a period now (the recipients who do not have it yet); returns the Hangfire job id.</summary>
    public string EnqueueNow(int subscriptionId, ReportPeriod period, string trigger = "manual") =>
        jobs.Enqueue<ReportJobs>(j => j.RunPeriodAsync(subscriptionId, period.ToString(), trigger, CancellationToken.None));

    /// <summary>Recurring jobs for every active subscription, none for the others.</summary>
    public async Task SyncAllAsync(CancellationToken cancellationToken = default)
    {
        var subscriptions = await store.ListAsync(cancellationToken);
        foreach (var subscription in subscriptions)
        {
            try
            {
                Sync(subscription);
            }
            catch (FormatException e)
            {
                logger.LogWarning("Subscription {Id} not scheduled: {Message}", subscription.SubscriptionId, e.Message);
            }
        }

        using var connection = storage.GetConnection();
        var known = subscriptions.Where(s => s.Active).Select(s => JobId(s.SubscriptionId)).ToHashSet(StringComparer.Ordinal);
        foreach (var job in Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection))
        {
            if (job.Id.StartsWith(JobPrefix, StringComparison.Ordinal) && !known.Contains(job.Id))
            {
                recurring.RemoveIfExists(job.Id);
            }
        }
    }

    /// <summary>
    /// For each active subscription: the period of its last scheduled run (since it was created); when a recipient
    /// has no finished delivery for it, enqueue that period. Returns the subscriptions enqueued.
    /// </summary>
    public async Task<IReadOnlyList<(int SubscriptionId, ReportPeriod Period)>> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var enqueued = new List<(int, ReportPeriod)>();
        foreach (var subscription in await store.ListAsync(cancellationToken))
        {
            if (!subscription.Active || subscription.Recipients.Count == 0)
            {
                continue;
            }

            CronSchedule schedule;
            try
            {
                schedule = CronSchedule.Parse(subscription.Cron, subscription.TimeZone);
            }
            catch (FormatException)
            {
                continue;
            }

            var created = new DateTimeOffset(DateTime.SpecifyKind(subscription.CreatedAt, DateTimeKind.Utc));
            var floor = created > now.AddDays(-400) ? created : now.AddDays(-400);
            if (schedule.LastOccurrence(now, floor) is not { } last)
            {
                continue;
            }

            var period = ReportPeriod.Before(TimeZoneInfo.ConvertTime(last, schedule.Zone).DateTime);
            if (await MissingAsync(subscription.SubscriptionId, period, cancellationToken) > 0)
            {
                EnqueueNow(subscription.SubscriptionId, period, "catch-up");
                enqueued.Add((subscription.SubscriptionId, period));
                logger.LogInformation("Subscription {Id}: the run for {Period} did not reach every recipient; sending it now.", subscription.SubscriptionId, period);
            }
        }

        return enqueued;
    }

    /// <summary>Recipients without a finished delivery (or with a claim whose process died) for the period.</summary>
    public async Task<int> MissingAsync(int subscriptionId, ReportPeriod period, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            select count(*)::int from report_recipient r
            where r.subscription_id = @SubscriptionId
              and not exists (select 1 from report_delivery d
                              where d.subscription_id = r.subscription_id and d.period = @Period and d.recipient_id = r.recipient_id
                                and (d.status in ('sent', 'failed', 'refused') or d.lease_until > now()))
            """, new { SubscriptionId = subscriptionId, Period = period.ToString() }, cancellationToken: cancellationToken));
    }
}

/// <summary>
/// At start-up: Hangfire's schema (its own installer), the recurring jobs of the stored subscriptions, then the
/// missed runs. When the database is down it tries again in the background until it is up.
/// </summary>
public sealed class ReportSchedulingStartup(ReportScheduler scheduler, string connectionString, ILogger<ReportSchedulingStartup> logger) : IHostedService
{
    private readonly CancellationTokenSource stopping = new();

    /// <summary>Completes when the schema is installed and the schedules synchronised.</summary>
    public Task Ready { get; private set; } = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await TryOnceAsync(cancellationToken))
        {
            Ready = RetryAsync(stopping.Token);
        }
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (await TryOnceAsync(cancellationToken))
            {
                return;
            }
        }
    }

    private async Task<bool> TryOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await HangfireSetup.InstallSchemaAsync(connectionString, cancellationToken);

            await scheduler.SyncAllAsync(cancellationToken);
            await scheduler.CatchUpAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            logger.LogWarning("Report schedules not synchronised yet ({Message}); trying again in 5 s.", e.Message);
            return false;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Hosts may stop a service twice (WebApplicationFactory does); the source is left to the GC.
        if (!stopping.IsCancellationRequested)
        {
            await stopping.CancelAsync();
        }

        await Ready;
    }
}
