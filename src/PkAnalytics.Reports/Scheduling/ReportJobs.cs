using System.ComponentModel;
using Hangfire;
using PkAnalytics.Reports.Delivery;
using PkAnalytics.Reports.Model;
using PkAnalytics.Reports.Subscriptions;

namespace PkAnalytics.Reports.Scheduling;

/// <summary>
/// The Hangfire jobs. Hangfire is at-least-once (a job is retried after a crash); the sends are exactly-once
/// because <see cref="ReportDeliveryService"/> claims each one with a unique row first.
/// </summary>
public sealed class ReportJobs(ReportDeliveryService delivery, SubscriptionStore store, TimeProvider time)
{
    /// <summary>The recurring job: the month before the run's month, in the subscription's time zone.</summary>
    [AutomaticRetry(Attempts = 5)]
    [DisplayName("Laporan langganan {0} (jadwal)")]
    public async Task RunScheduledAsync(int subscriptionId, CancellationToken cancellationToken)
    {
        var subscription = await store.GetAsync(subscriptionId, cancellationToken);
        if (subscription is null)
        {
            return;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(subscription.TimeZone);
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
        await delivery.RunAsync(subscriptionId, ReportPeriod.Before(local.DateTime), "schedule", cancellationToken);
    }

    /// <summary>One period of a subscription: "kirim sekarang" and runs missed while every process was down.</summary>
    [AutomaticRetry(Attempts = 5)]
    [DisplayName("Laporan langganan {0} periode {1} ({2})")]
    public Task RunPeriodAsync(int subscriptionId, string period, string trigger, CancellationToken cancellationToken) =>
        delivery.RunAsync(subscriptionId, ReportPeriod.Parse(period), trigger, cancellationToken);
}
