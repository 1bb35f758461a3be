using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using PkAnalytics.Reports;
using PkAnalytics.Reports.Delivery;
using PkAnalytics.Reports.Model;
using PkAnalytics.Reports.Rendering;
using PkAnalytics.Reports.Subscriptions;
using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Data;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Cli;

/// <summary>
/// `pk-dashboard report ...` (through `./pk dashboard report ...`): render a report to a PDF file, or send a
/// subscription's report now, without starting the web host. Runs as the operator of the server: all agencies.
/// </summary>
public static class ReportCommand
{
    public const string Usage = """
        usage: pk dashboard report render --kind kabupaten|opd [--agency ID] --period YYYY-MM --out FILE [--html FILE]
               pk dashboard report send --subscription ID [--period YYYY-MM]

          render   writes the Laporan Kabupaten or the Laporan OPD of agency ID for the month as an A4 PDF (all
                   agencies' data: this is the server's operator); --html also writes the HTML it was printed from.
                   A relative FILE is relative to the checkout when run through ./pk.
          send     sends subscription ID's report for the month (default: last month in its time zone) to every
                   recipient who has not received it yet, as the scheduled run would (exactly once per recipient).
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[1] is "help" or "--help" or "-h")
        {
            Console.WriteLine(Usage);
            return args.Length < 2 ? 2 : 0;
        }

        Dictionary<string, string> options;
        try
        {
            options = Options(args[2..]);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"pk dashboard report: {e.Message}\n{Usage}");
            return 2;
        }

        CultureInfo.DefaultThreadCurrentCulture = DashboardSetup.Indonesian;
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddWarehouse(configuration.GetConnectionString("Warehouse"));
        services.AddReports(configuration);
        await using var provider = services.BuildServiceProvider();
        // SIGTERM (a stopping service, a deploy) and Ctrl-C end the run between or inside sends, never half-way
        // into an unrecorded one (ReportDeliveryService hands interrupted sends back).
        using var stopping = new CancellationTokenSource();
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stopping.Cancel(); });
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stopping.Cancel(); });

        try
        {
            var status = await provider.GetRequiredService<SchemaMigrator>().GetStatusAsync();
            if (!status.IsCurrent)
            {
                Console.Error.WriteLine($"pk dashboard report: the database needs {status.Pending.Count} migration(s); run ./pk etl migrate first.");
                return 1;
            }

            return args[1] switch
            {
                "render" => await RenderAsync(provider, options),
                "send" => await SendAsync(provider, options, stopping.Token),
                _ => Fail($"unknown report command '{args[1]}'"),
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return Fail(e.Message);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Console.Error.WriteLine("pk dashboard report: dihentikan (SIGTERM/SIGINT); laporan yang belum terkirim dikembalikan dan dikirim pada jalankan berikutnya.");
            return 130;
        }
        catch (Exception e) when (e is ReportNotVisibleException or ReportIncompleteException or ChromiumUnavailableException)
        {
            Console.Error.WriteLine($"pk dashboard report: {e.Message}");
            return 1;
        }
        finally
        {
            await provider.GetRequiredService<PdfPrinter>().DisposeAsync();
        }
    }

    private static async Task<int> RenderAsync(IServiceProvider provider, Dictionary<string, string> options)
    {
        var kind = ReportKinds.Parse(Required(options, "--kind"));
        int? agency = options.TryGetValue("--agency", out var a)
            ? int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new ArgumentException($"--agency '{a}' is not a number")
            : null;
        var period = ReportPeriod.Parse(Required(options, "--period"));
        var output = ResolvePath(Required(options, "--out"));
        var request = new ReportRequest(kind, agency, period);
        request.Validate();

        // The dashboard keeps its read model current in the background; without the web host, bring it up to date here.
        await provider.GetRequiredService<DashboardReadModelRefresher>().RefreshAsync();
        var clock = Stopwatch.StartNew();
        var report = await provider.GetRequiredService<ReportGenerator>().RenderAsync(request, ViewerScope.AllAgencies);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllBytesAsync(output, report.Pdf);
        if (options.TryGetValue("--html", out var htmlPath))
        {
            await File.WriteAllTextAsync(ResolvePath(htmlPath), report.Html);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Data.Title}, {report.Data.PeriodLabel}: {output} ({report.Pdf.Length / 1024} KB, {clock.Elapsed.TotalSeconds:0.00} s)"));
        return 0;
    }

    private static async Task<int> SendAsync(IServiceProvider provider, Dictionary<string, string> options, CancellationToken cancellationToken)
    {
        var text = Required(options, "--subscription");
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var subscriptionId))
        {
            return Fail($"--subscription '{text}' is not a number");
        }

        var subscription = await provider.GetRequiredService<SubscriptionStore>().GetAsync(subscriptionId);
        if (subscription is null)
        {
            return Fail($"subscription {subscriptionId} does not exist");
        }

        var period = options.TryGetValue("--period", out var p)
            ? ReportPeriod.Parse(p)
            : ReportPeriod.Before(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(subscription.TimeZone)).DateTime);
        await provider.GetRequiredService<DashboardReadModelRefresher>().RefreshAsync(cancellationToken: cancellationToken);
        var result = await provider.GetRequiredService<ReportDeliveryService>().RunAsync(subscriptionId, period, "manual", cancellationToken);
        Console.WriteLine($"{subscription.Name}, periode {period}: {result}");
        return result.Failed > 0 ? 1 : 0;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            options[args[i]] = args[++i];
        }

        return options;
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required");

    /// <summary>
    /// ./pk runs the dashboard from its build output folder; a relative path then means the checkout (where ./pk
    /// is run), not that folder.
    /// </summary>
    private static string ResolvePath(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        var here = Path.GetFullPath(Environment.CurrentDirectory).TrimEnd('/');
        if (here == Path.GetFullPath(AppContext.BaseDirectory).TrimEnd('/'))
        {
            for (var dir = new DirectoryInfo(here); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PkAnalytics.sln")))
                {
                    return Path.Combine(dir.FullName, path);
                }
            }
        }

        return Path.GetFullPath(path);
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"pk dashboard report: {message}\n{Usage}");
        return 2;
    }
}
