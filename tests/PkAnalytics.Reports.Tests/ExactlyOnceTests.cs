using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PkAnalytics.Reports.Delivery;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Data.Entities;
using static PkAnalytics.Reports.Tests.ReportTestKit;

namespace PkAnalytics.Reports.Tests;

/// <summary>
/// Exactly once per (subscription, period, recipient), with several senders on one database: two instances in one
/// process, two pk-dashboard processes, a process killed in the middle of a send and the retry after it, and a
/// server that is down and comes back.
/// </summary>
public sealed class ExactlyOnceTests(SampleReports fixture) : IClassFixture<SampleReports>
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static string DashboardBinary =>
        Path.Combine(Repo.Root, "dashboards", "PkAnalytics.Dashboard", "bin", Configuration, "net10.0", "pk-dashboard");

    [Fact]
    public async Task TwoInstancesOnOneDatabase_SendEachRecipientOnce()
    {
        var id = await SubscribeAsync(fixture.Host.Subscriptions, ReportSubscription.KindKabupaten, null,
            Pimpinan("dua.a@luwutimur.test"), Bappeda("dua.b@luwutimur.test"), Pimpinan("dua.c@luwutimur.test"));
        await using var other = fixture.CreateHost();

        var results = await Task.WhenAll(fixture.Host.Delivery.RunAsync(id, June2024), other.Delivery.RunAsync(id, June2024));

        Assert.Equal(3, results.Sum(r => r.Sent));
        Assert.Equal(3, results.Sum(r => r.Skipped));
        foreach (var email in new[] { "dua.a@luwutimur.test", "dua.b@luwutimur.test", "dua.c@luwutimur.test" })
        {
            Assert.Single(MessagesTo(fixture.Smtp, email));
        }
    }

    [Fact]
    public async Task TwoDashboardProcesses_SendEachRecipientOnce()
    {
        var id = await SubscribeAsync(fixture.Host.Subscriptions, ReportSubscription.KindOpd, DashboardSampleData.AlfaId,
            Pimpinan("proses.a@luwutimur.test"), Operator("proses.b@luwutimur.test", DashboardSampleData.AlfaId));

        var first = StartSend(id, fixture.Smtp.Port);
        var second = StartSend(id, fixture.Smtp.Port);
        var outputs = await Task.WhenAll(Finish(first), Finish(second));

        Assert.All(outputs, o => Assert.True(o.ExitCode == 0, o.Output));
        Assert.Single(MessagesTo(fixture.Smtp, "proses.a@luwutimur.test"));
        Assert.Single(MessagesTo(fixture.Smtp, "proses.b@luwutimur.test"));
        Assert.All(await DeliveriesAsync(fixture.Database.DataSource, id), r => Assert.Equal("sent", r.Status));
        // Between them the two processes sent two reports and each skipped what the other had claimed.
        int Sum(string what) => outputs.Sum(o => int.Parse(System.Text.RegularExpressions.Regex.Match(o.Output, $@"(\d+) {what}").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, Sum("terkirim"));
        Assert.Equal(2, Sum("sudah dikirim"));
    }

    [Fact]
    public async Task ProcessKilledMidSend_TheRetrySendsOnce()
    {
        var id = await SubscribeAsync(fixture.Host.Subscriptions, ReportSubscription.KindKabupaten, null, Pimpinan("crash@luwutimur.test"));

        // A "server" that accepts the connection and never answers: the process hangs inside the SMTP conversation.
        using var silent = new SilentServer();
        var doomed = StartSend(id, silent.Port, lease: "00:00:02");
        await WaitUntilAsync(async () => (await DeliveriesAsync(fixture.Database.DataSource, id)).Any(r => r.Status == "sending"),
            TimeSpan.FromSeconds(60), "the first process to reach the SMTP conversation");
        doomed.Process.Kill(entireProcessTree: true); // the crash: no chance to record anything
        await doomed.Process.WaitForExitAsync();
        silent.Dispose();

        // The retry (Hangfire's, after a crash) takes the abandoned claim over once its lease has run out.
        await using var retry = fixture.CreateHost(o => o.ClaimLease = TimeSpan.FromSeconds(2));
        await WaitUntilAsync(async () => (await retry.Delivery.RunAsync(id, June2024)).Sent == 1, TimeSpan.FromSeconds(30), "the retry to send");

        var message = Assert.Single(MessagesTo(fixture.Smtp, "crash@luwutimur.test"));
        Assert.Equal("Laporan Kinerja Kabupaten Luwu Timur - Juni 2024", message.Subject);
        var row = Assert.Single(await DeliveriesAsync(fixture.Database.DataSource, id));
        Assert.Equal("sent", row.Status);
        Assert.Contains("Dikirim ulang setelah proses sebelumnya berhenti", row.Detail);
        Assert.Equal(new DeliveryRunResult(0, 0, 0, 1), await retry.Delivery.RunAsync(id, June2024));
        Assert.Single(MessagesTo(fixture.Smtp, "crash@luwutimur.test"));
    }

    [Fact]
    public async Task ProcessTerminatedMidSend_HandsTheSendBack_AndTheNextRunSendsOnce()
    {
        var id = await SubscribeAsync(fixture.Host.Subscriptions, ReportSubscription.KindKabupaten, null, Pimpinan("henti@luwutimur.test"));
        using var silent = new SilentServer(); // accepts, never answers: the send hangs
        var stopped = StartSend(id, silent.Port);
        await WaitUntilAsync(async () => (await DeliveriesAsync(fixture.Database.DataSource, id)).Any(r => r.Status == "sending"),
            TimeSpan.FromSeconds(60), "the process to reach the SMTP conversation");

        Process.Start("kill", ["-TERM", stopped.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        var (exitCode, output) = await Finish(stopped);
        silent.Dispose();

        Assert.True(exitCode == 130, output);
        Assert.Contains("dihentikan", output);
        Assert.Empty(await DeliveriesAsync(fixture.Database.DataSource, id)); // handed back, not left to a lease
        Assert.Equal(new DeliveryRunResult(1, 0, 0, 0), await fixture.Host.Delivery.RunAsync(id, June2024));
        Assert.Single(MessagesTo(fixture.Smtp, "henti@luwutimur.test"));
    }

    [Fact]
    public async Task ServerDownThenBack_TheReportArrivesOnceAfterARetry()
    {
        await using var server = new SmtpTestServer(port: SmtpTestServer.FreePort()); // not started yet: down
        await using var host = new ReportHost(fixture.Database.ConnectionString, server.Port, o =>
        {
            o.Smtp.MaxAttempts = 8;
            o.Smtp.FirstRetryDelay = TimeSpan.FromMilliseconds(500);
        });
        var id = await SubscribeAsync(host.Subscriptions, ReportSubscription.KindKabupaten, null, Pimpinan("kembali@luwutimur.test"));

        var run = host.Delivery.RunAsync(id, June2024);
        await WaitUntilAsync(async () => (await DeliveriesAsync(fixture.Database.DataSource, id)).Any(r => r.Attempts >= 2),
            TimeSpan.FromSeconds(60), "two refused connection attempts");
        await server.StartAsync();
        var result = await run;

        Assert.Equal(1, result.Sent);
        var message = Assert.Single(MessagesTo(server, "kembali@luwutimur.test"));
        Assert.Contains("Rp 2.000.000", message.HtmlBody);
        var row = Assert.Single(await DeliveriesAsync(fixture.Database.DataSource, id));
        Assert.Equal("sent", row.Status);
        Assert.True(row.Attempts >= 3, $"sent at attempt {row.Attempts}");
        await server.StopAsync();
    }

    private sealed record Running(Process Process, Task<string> Output);

    private Running StartSend(int subscriptionId, int smtpPort, string? lease = null)
    {
        var start = new ProcessStartInfo(DashboardBinary, ["report", "send", "--subscription", subscriptionId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--period", "2024-06"])
        {
            WorkingDirectory = Path.GetDirectoryName(DashboardBinary)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("PK_DB");
        start.Environment["ConnectionStrings__Warehouse"] = fixture.Database.ConnectionString;
        start.Environment["PK_SMTP_HOST"] = "127.0.0.1";
        start.Environment["PK_SMTP_PORT"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PK_SMTP_STARTTLS"] = "never";
        start.Environment["PK_SMTP_FROM"] = "PkAnalytics <laporan@pkanalytics.test>";
        if (lease is not null)
        {
            start.Environment["Reports__ClaimLease"] = lease;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {DashboardBinary}");
        var output = Task.Run(async () =>
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            return await stdout + await stderr;
        });
        return new Running(process, output);
    }

    private static async Task<(int ExitCode, string Output)> Finish(Running running)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await running.Process.WaitForExitAsync(timeout.Token);
        return (running.Process.ExitCode, await running.Output);
    }

    /// <summary>A TCP server on loopback that accepts every connection and never says a word (an SMTP server hung).</summary>
    private sealed class SilentServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> held = [];

        public SilentServer()
        {
            listener.Start();
            _ = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        var client = await listener.AcceptTcpClientAsync();
                        lock (held)
                        {
                            held.Add(client);
                        }
                    }
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                }
            });
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public void Dispose()
        {
            listener.Stop();
            lock (held)
            {
                held.ForEach(c => c.Dispose());
                held.Clear();
            }
        }
    }
}
