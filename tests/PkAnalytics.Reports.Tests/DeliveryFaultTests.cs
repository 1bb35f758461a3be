using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PkAnalytics.Reports.Delivery;
using PkAnalytics.Reports.Model;
using PkAnalytics.Reports.Rendering;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Data.Entities;
using PkAnalytics.Warehouse.ReadModels;
using static PkAnalytics.Reports.Tests.ReportTestKit;

namespace PkAnalytics.Reports.Tests;

/// <summary>
/// Faults around a send, each with a real part failing: chromium missing, crashing at start or killed in the middle of
/// printing (the browser, or the page's renderer), an SMTP server that
/// is slow before the message (timeouts, retried) or after it (the answer lost: never sent twice), and PostgreSQL
/// gone between the server's 250 and the log line. Nothing is reported sent that was not, and nothing is sent twice.
/// Own fixture: one test takes the database away.
/// </summary>
public sealed class DeliveryFaultTests(DeliveryFaultTests.Reports fixture) : IClassFixture<DeliveryFaultTests.Reports>
{
    public sealed class Reports : SampleReports;

    [Fact]
    public async Task ChromiumMissing_TheRunFailsWithTheReason_NothingIsLoggedAsSent_AndTheRetrySendsOnce()
    {
        var id = await SubscribeAsync(fixture.Host.Subscriptions, ReportSubscription.KindKabupaten, null, Pimpinan("tanpa.chromium@luwutimur.test"));
        await using (var broken = fixture.CreateHost(o => o.ChromiumPath = "/tidak/ada/chromium"))
        {
            var failure = await Assert.ThrowsAsync<ChromiumUnavailableException>(() => broken.Delivery.RunAsync(id, June2024));
            Assert.Contains("/tidak/ada/chromium", failure.Message);
            Assert.Contains("PK_CHROMIUM", failure.Message);
        }

        // Nothing sent and nothing claimed: the job's retry may take it at once.
        Assert.Empty(await DeliveriesAsync(fixture.Database.DataSource, id));
        Assert.Empty(MessagesTo(fixture.Smtp, "tanpa.chromium@luwutimur.test"));

        Assert.Equal(new DeliveryRunResult(1, 0, 0, 0), await fixture.Host.Delivery.RunAsync(id, June2024));
        Assert.Single(MessagesTo(fixture.Smtp, "tanpa.chromium@luwutimur.test"));
    }

    [Fact]
    public async Task ChromiumCrashingAtStart_TheRunFailsWithTheReason_AndNothingIsLoggedAsSent()
    {
        var crashing = Path.Combine(Path.GetTempPath(), $"pk-chromium-crash-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(crashing, "#!/bin/sh\necho 'segfault (test)' >&2\nkill -SEGV $$\n");
        if (!OperatingSystem.IsWindows()) // the product runs on Debian; the guard is for the platform analyzer
        {
            File.SetUnixFileMode(crashing, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        try
        {
            var id = await SubscribeAsync(fixture.Host.Subscriptions, ReportSubscription.KindKabupaten, null, Pimpinan("chromium.mogok@luwutimur.test"));
            await using var broken = fixture.CreateHost(o => o.ChromiumPath = crashing);

            var failure = await Assert.ThrowsAsync<ChromiumUnavailableException>(() => broken.Delivery.RunAsync(id, June2024));

            Assert.Contains("tidak dapat dijalankan", failure.Message);
            Assert.Empty(await DeliveriesAsync(fixture.Database.DataSource, id));
            Assert.Empty(MessagesTo(fixture.Smtp, "chromium.mogok@luwutimur.test"));
        }
        finally
        {
            File.Delete(crashing);
        }
    }

    [Theory]
    [InlineData("browser")]
    [InlineData("renderer")]
    public async Task ChromiumKilledMidPrint_TheReportFailsWithTheReason_AndTheNextPrintIsWhole(string victim)
    {
        // Debian's chromium behind a script that tells its process id; the page waits for an image from a server that
        // never answers, so the print is under way when the browser (or the renderer drawing the page) is killed.
        var pidFile = Path.Combine(Path.GetTempPath(), $"pk-chromium-pid-{Guid.NewGuid():N}");
        var wrapper = Path.Combine(Path.GetTempPath(), $"pk-chromium-wrap-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\necho $$ > '{pidFile}'\nexec {PdfPrinter.DefaultChromiumPath} \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            await using var host = fixture.CreateHost(o => o.ChromiumPath = wrapper);
            var data = await host.Get<ReportDataReader>().ReadAsync(ReportRequest.Kabupaten(June2024), ViewerScope.AllAgencies);
            var html = await host.Get<ReportHtmlRenderer>().RenderAsync(data);
            var printer = host.Get<PdfPrinter>();
            var stalled = html.Replace("</body>", $"<img src=\"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/lambat.png\"></body>", StringComparison.Ordinal);
            Assert.NotEqual(html, stalled);

            var printing = printer.PrintAsync(stalled, data);
            using var request = await silent.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var browser = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            var targets = victim == "browser" ? [browser] : RenderersOf(browser);
            Assert.NotEmpty(targets);
            foreach (var pid in targets)
            {
                Process.GetProcessById(pid).Kill(); // SIGKILL: no chance to say goodbye
            }

            var failure = await Assert.ThrowsAsync<ChromiumUnavailableException>(() => printing.WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("Chromium berhenti saat mencetak", failure.Message);
            Assert.Contains(data.Title, failure.Message);

            // The job's retry: a new browser (or a new page), and the whole report.
            var pdf = await printer.PrintAsync(html, data).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        }
        finally
        {
            File.Delete(wrapper);
            File.Delete(pidFile);
        }
    }

    /// <summary>Chromium's renderer processes under a browser process (children of its zygote), from /proc.</summary>
    private static List<int> RenderersOf(int browser)
    {
        var parents = new Dictionary<int, int>();
        var renderers = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains("--type=renderer", StringComparison.Ordinal))
                {
                    renderers.Add(pid);
                }
            }
            catch (IOException)
            {
            }
        }

        bool Under(int pid)
        {
            for (var hops = 0; hops < 10 && parents.TryGetValue(pid, out var parent); hops++, pid = parent)
            {
                if (parent == browser)
                {
                    return true;
                }
            }

            return false;
        }

        return renderers.Where(Under).ToList();
    }

    [Fact]
    public async Task SmtpSlowBeforeTheMessage_TimesOut_IsRetried_AndEndsAsARecordedFailure()
    {
        await using var host = fixture.CreateHost(o => o.Smtp.Timeout = TimeSpan.FromSeconds(1));
        var id = await SubscribeAsync(host.Subscriptions, ReportSubscription.KindKabupaten, null, Pimpinan("lambat4.pimpinan@luwutimur.test"));

        var result = await host.Delivery.RunAsync(id, June2024);

        Assert.Equal(new DeliveryRunResult(0, 1, 0, 0), result);
        var row = Assert.Single(await DeliveriesAsync(fixture.Database.DataSource, id));
        Assert.Equal("failed", row.Status);
        Assert.Equal(3, row.Attempts); // every attempt timed out before the message went out: safe to retry
        Assert.Contains("Gagal setelah 3 percobaan", row.Detail);
        Assert.Empty(MessagesTo(fixture.Smtp, "lambat4.pimpinan@luwutimur.test"));
    }

    [Fact]
    public async Task SmtpAnswerLostAfterTheWholeMessage_IsNotResent_AndTheLogSaysItMayHaveArrived()
    {
        await using var host = fixture.CreateHost(o => o.Smtp.Timeout = TimeSpan.FromSeconds(1));
        var id = await SubscribeAsync(host.Subscriptions, ReportSubscription.KindKabupaten, null, Pimpinan("tunda4.pimpinan@luwutimur.test"));

        var result = await host.Delivery.RunAsync(id, June2024);

        Assert.Equal(new DeliveryRunResult(0, 1, 0, 0), result);
        var row = Assert.Single(await DeliveriesAsync(fixture.Database.DataSource, id));
        Assert.Equal("failed", row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("mungkin sudah diterima", row.Detail);
        // The server did take it: one copy, not one per retry.
        Assert.Single(MessagesTo(fixture.Smtp, "tunda4.pimpinan@luwutimur.test"));
        Assert.Equal(new DeliveryRunResult(0, 0, 0, 1), await host.Delivery.RunAsync(id, June2024));
        Assert.Single(MessagesTo(fixture.Smtp, "tunda4.pimpinan@luwutimur.test"));
    }

    [Fact]
    public async Task DatabaseGoneBetweenTheServersAnswerAndTheLog_TheSendIsRecordedWhenItIsBack_Once()
    {
        var id = await SubscribeAsync(fixture.Host.Subscriptions, ReportSubscription.KindKabupaten, null, Pimpinan("tunda3.db@luwutimur.test"));
        var run = fixture.Host.Delivery.RunAsync(id, June2024);

        // The server has the message and holds its answer back for 3 s: take the database away in that window.
        await WaitUntilAsync(() => Task.FromResult(MessagesTo(fixture.Smtp, "tunda3.db@luwutimur.test").Count == 1),
            TimeSpan.FromSeconds(120), "the message reaches the server");
        await fixture.Database.SetReachableAsync(false);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5)); // the 250 arrives while the database is gone
            Assert.False(run.IsCompleted, "the run must wait for the database to record the send, not give up or pretend");
        }
        finally
        {
            await fixture.Database.SetReachableAsync(true);
        }

        Assert.Equal(new DeliveryRunResult(1, 0, 0, 0), await run.WaitAsync(TimeSpan.FromSeconds(60)));
        var row = Assert.Single(await DeliveriesAsync(fixture.Database.DataSource, id));
        Assert.Equal("sent", row.Status);
        Assert.Single(MessagesTo(fixture.Smtp, "tunda3.db@luwutimur.test"));
        Assert.Equal(new DeliveryRunResult(0, 0, 0, 1), await fixture.Host.Delivery.RunAsync(id, June2024));
    }
}
