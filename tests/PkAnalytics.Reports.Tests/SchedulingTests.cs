using Dapper;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PkAnalytics.Reports.Model;
using PkAnalytics.Reports.Scheduling;
using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Data.Entities;
using static PkAnalytics.Reports.Tests.ReportTestKit;

namespace PkAnalytics.Reports.Tests;

/// <summary>
/// Hangfire (PostgreSQL storage in schema hangfire of the same database) as the dashboard runs it: one recurring
/// job per subscription with its cron and time zone, and a run missed while no process was up sent at the next start.
/// </summary>
public sealed class SchedulingTests(SampleReports fixture) : IClassFixture<SampleReports>
{
    private IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddWarehouse(fixture.Database.ConnectionString);
        builder.Services.AddReports(new ReportOptions
        {
            Smtp = new SmtpSettings { Host = "127.0.0.1", Port = fixture.Smtp.Port, StartTls = StartTlsMode.Never, FirstRetryDelay = TimeSpan.FromMilliseconds(200) },
        });
        builder.Services.AddReportScheduling(fixture.Database.ConnectionString);
        return builder.Build();
    }

    [Fact]
    public async Task Subscription_IsARecurringJobWithItsCronAndTimeZone_ThatSendsWhenItRuns()
    {
        using var host = BuildHost();
        await host.StartAsync();
        try
        {
            var id = await SubscribeAsync(fixture.Host.Subscriptions, ReportSubscription.KindKabupaten, null, Pimpinan("jadwal@luwutimur.test"));
            var scheduler = host.Services.GetRequiredService<ReportScheduler>();
            scheduler.Sync((await fixture.Host.Subscriptions.GetAsync(id))!);

            using (var connection = host.Services.GetRequiredService<JobStorage>().GetConnection())
            {
                var job = connection.GetRecurringJobs().Single(j => j.Id == ReportScheduler.JobId(id));
                Assert.Equal("0 7 1 * *", job.Cron);
                Assert.Equal("Asia/Makassar", job.TimeZoneId);
                Assert.NotNull(job.NextExecution);
                // Day 1, 07:00 WITA = 23:00 UTC of the day before.
                Assert.Equal(23, job.NextExecution!.Value.Hour);
            }

            host.Services.GetRequiredService<IRecurringJobManager>().Trigger(ReportScheduler.JobId(id));
            await WaitUntilAsync(() => Task.FromResult(MessagesTo(fixture.Smtp, "jadwal@luwutimur.test").Count > 0),
                TimeSpan.FromSeconds(60), "the triggered recurring job to send");

            var wita = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Makassar"));
            var message = Assert.Single(MessagesTo(fixture.Smtp, "jadwal@luwutimur.test"));
            Assert.Equal($"Laporan Kinerja Kabupaten Luwu Timur - {ReportPeriod.Before(wita.DateTime).Label}", message.Subject);
            Assert.Equal("schedule", Assert.Single(await DeliveriesAsync(fixture.Database.DataSource, id)).Trigger);

            // A paused subscription has no recurring job.
            await fixture.Host.Subscriptions.SaveAsync(id, new Subscriptions.SubscriptionInput("kabupaten", null, "dijeda", "0 7 1 * *", "Asia/Makassar", false,
                [Pimpinan("jadwal@luwutimur.test")]));
            scheduler.Sync((await fixture.Host.Subscriptions.GetAsync(id))!);
            using var after = host.Services.GetRequiredService<JobStorage>().GetConnection();
            Assert.DoesNotContain(after.GetRecurringJobs(), j => j.Id == ReportScheduler.JobId(id));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task RunMissedWhileEveryProcessWasDown_IsSentAtTheNextStart_Once()
    {
        var id = await SubscribeAsync(fixture.Host.Subscriptions, ReportSubscription.KindOpd, 1, Pimpinan("terlewat@luwutimur.test"));
        // The subscription existed for 70 days while no dashboard ran: its last monthly run was missed.
        await using (var connection = await fixture.Database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "update report_subscription set created_at = now() - interval '70 days' where subscription_id = @id", new { id }));
        }

        var schedule = CronSchedule.Parse("0 7 1 * *", "Asia/Makassar");
        var last = schedule.LastOccurrence(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(-70))!.Value;
        var missed = ReportPeriod.Before(TimeZoneInfo.ConvertTime(last, schedule.Zone).DateTime);

        for (var start = 0; start < 2; start++)
        {
            using var host = BuildHost();
            await host.StartAsync();
            try
            {
                await WaitUntilAsync(async () => (await DeliveriesAsync(fixture.Database.DataSource, id)).Any(r => r.Status == "sent"),
                    TimeSpan.FromSeconds(60), "the missed run to be sent");
            }
            finally
            {
                await host.StopAsync();
            }
        }

        var row = Assert.Single(await DeliveriesAsync(fixture.Database.DataSource, id));
        Assert.Equal("catch-up", row.Trigger);
        Assert.Equal(missed.ToString(), row.Period);
        var message = Assert.Single(MessagesTo(fixture.Smtp, "terlewat@luwutimur.test"));
        Assert.EndsWith(missed.Label, message.Subject);
    }
}
