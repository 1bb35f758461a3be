using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PkAnalytics.Reports.Delivery;
using PkAnalytics.Reports.Model;
using PkAnalytics.Reports.Rendering;
using PkAnalytics.Reports.Subscriptions;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Reports.Tests;

/// <summary>
/// The report services of one "process" (own data source, own chromium, own claim instance name) on a test
/// database, sending to a test SMTP server. Two of them on one database are two processes as far as the claims go.
/// </summary>
public sealed class ReportHost : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    public ReportHost(string connectionString, int smtpPort, Action<ReportOptions>? configure = null)
    {
        var options = new ReportOptions
        {
            TimeZone = "Asia/Makassar",
            PublicBaseUrl = "http://127.0.0.1:5000",
            Smtp = new SmtpSettings
            {
                Host = "127.0.0.1",
                Port = smtpPort,
                StartTls = StartTlsMode.Never,
                From = "PkAnalytics <laporan@pkanalytics.test>",
                MaxAttempts = 3,
                FirstRetryDelay = TimeSpan.FromMilliseconds(200),
                Timeout = TimeSpan.FromSeconds(20),
            },
        };
        configure?.Invoke(options);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWarehouse(connectionString);
        services.AddReports(options);
        provider = services.BuildServiceProvider();
    }

    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    public ReportDeliveryService Delivery => Get<ReportDeliveryService>();

    public ReportGenerator Generator => Get<ReportGenerator>();

    public SubscriptionStore Subscriptions => Get<SubscriptionStore>();

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
    }
}

/// <summary>Helpers shared by the report tests: PDF text, subscriptions, delivery rows.</summary>
public static class ReportTestKit
{
    public static readonly ReportPeriod June2024 = new(2024, 6);

    /// <summary>
    /// The PDF's text as poppler's pdftotext reads it (what a person can select and copy), in reading order: a
    /// table cell's wrapped lines stay together (with <paramref name="layout"/>, laid out as on the page instead).
    /// </summary>
    public static string PdfText(byte[] pdf, int? firstPage = null, int? lastPage = null, bool layout = false)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pk-report-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var args = new List<string> { "-enc", "UTF-8" };
            if (layout)
            {
                args.Add("-layout");
            }

            if (firstPage is { } f)
            {
                args.AddRange(["-f", f.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }

            if (lastPage is { } l)
            {
                args.AddRange(["-l", l.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }

            args.AddRange([path, "-"]);
            var start = new ProcessStartInfo("/usr/bin/pdftotext", args) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "pdftotext failed: " + process.StandardError.ReadToEnd());
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static int PageCount(byte[] pdf) => PdfText(pdf).Split('\f').Length - 1;

    /// <summary>Text with every run of white space as one space, for phrases that wrap or are laid out in columns.</summary>
    public static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    public static async Task<int> SubscribeAsync(SubscriptionStore store, string kind, int? agencyId, params RecipientInput[] recipients) =>
        await store.SaveAsync(null, new SubscriptionInput(kind, agencyId, $"Uji {kind} {Guid.NewGuid():N}"[..20], "0 7 1 * *", "Asia/Makassar", true, recipients));

    public static RecipientInput Pimpinan(string email) => new(email, PkRoles.Pimpinan, null, "Kabag Pimpinan");

    public static RecipientInput Bappeda(string email) => new(email, PkRoles.Bappeda, null);

    public static RecipientInput Operator(string email, int agencyId) => new(email, PkRoles.Operator, agencyId);

    public sealed class DeliveryRow
    {
        public long DeliveryId { get; init; }
        public string Email { get; init; } = "";
        public string Status { get; init; } = "";
        public string Trigger { get; init; } = "";
        public int Attempts { get; init; }
        public string? Detail { get; init; }
        public string? DeliveredAs { get; init; }
        public string Period { get; init; } = "";
    }

    public static async Task<IReadOnlyList<DeliveryRow>> DeliveriesAsync(NpgsqlDataSource dataSource, int subscriptionId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<DeliveryRow>(new CommandDefinition("""
            select delivery_id as DeliveryId, email as Email, status as Status, trigger as Trigger, attempts as Attempts,
                   detail as Detail, delivered_as as DeliveredAs, period as Period
            from report_delivery where subscription_id = @subscriptionId order by email
            """, new { subscriptionId }))).AsList();
    }

    /// <summary>Messages the server received for one address (parsed), from the Maildir.</summary>
    public static IReadOnlyList<MimeKit.MimeMessage> MessagesTo(SmtpTestServer server, string email) =>
        Directory.GetFiles(Path.Combine(server.Maildir, "new"))
            .Select(f => MimeKit.MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, email, StringComparison.OrdinalIgnoreCase)))
            .ToList();

    public static byte[] PdfAttachment(MimeKit.MimeMessage message)
    {
        var part = message.Attachments.OfType<MimeKit.MimePart>().Single(a => a.ContentType.MimeType == "application/pdf");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }

    /// <summary>The hand-checked sample star with its read model built (as the dashboard does in the background).</summary>
    public static async Task InsertSampleAsync(NpgsqlDataSource dataSource)
    {
        await DashboardSampleData.InsertAsync(dataSource!);
        await new DashboardReadModelRefresher(dataSource).RefreshAsync(force: true);
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"not within {timeout.TotalSeconds} s: {what}");
            }

            await Task.Delay(100);
        }
    }
}

/// <summary>
/// A test database with the hand-checked sample data (DashboardSampleData) and its read model, a real SMTP server
/// (aiosmtpd, refusing "tolak..." with 550 and "sibuk..." with 451) and the report services on them.
/// </summary>
public class SampleReports : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public SmtpTestServer Smtp { get; } = new(rejecting: true);

    public ReportHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await Smtp.InitializeAsync();
        await ReportTestKit.InsertSampleAsync(Database.DataSource);
        Host = CreateHost();
    }

    public ReportHost CreateHost(Action<ReportOptions>? configure = null) => new(Database.ConnectionString, Smtp.Port, configure);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Smtp.DisposeAsync();
        await Database.DisposeAsync();
    }
}
