using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PkAnalytics.Documents;
using PkAnalytics.Reports;
using PkAnalytics.Reports.Model;
using PkAnalytics.Reports.Rendering;
using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Data;
using PkAnalytics.Warehouse.Loading;
using PkAnalytics.Warehouse.ReadModels;
using PkAnalytics.Warehouse.Realisation;

namespace PkAnalytics.Bench;

/// <summary>
/// `pk bench report`: seconds per report PDF, warm (read with the scope, Razor components -> HTML, ScottPlot SVG,
/// chromium A4 PDF), first on seeds/ plus sample realisation (Laporan OPD of each agency, Laporan Kabupaten), then
/// the agencies' Laporan OPD of the 10.000-document corpus (as `pk bench dashboard` builds it), two at a time (two
/// cores). Targets: under 1 s per report warm; 40 agency reports under 30 s.
/// </summary>
public sealed class ReportBenchmark : IBenchmark
{
    public string Name => "report";

    public string Summary =>
        "report [--iterations K] [--documents N] [--realisation R] [--agencies A] [--database NAME] [--keep]   " +
        "seconds per Laporan OPD / Kabupaten (seeds + sample data, warm); A (40) agency reports of the N-document corpus";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = BenchArgs.Parse(args, ["--iterations", "--documents", "--realisation", "--agencies", "--database"], ["--keep", "--seeds-only"]);
        var iterations = options.Int("--iterations", 5);
        var admin = WarehouseOptions.ResolveConnectionString(null);

        await WithDatabaseAsync(admin, "pk_bench_report_seeds_", null, keep: false, async dataSource =>
        {
            foreach (var path in Directory.GetFiles(BenchArgs.SeedsFolder(), "*.txt").Order(StringComparer.Ordinal))
            {
                var content = await File.ReadAllBytesAsync(path, cancellationToken);
                await new DocumentLoader(dataSource).LoadAsync(DocumentParser.Parse(path, content), DocumentInfo.FromContent(path, content), cancellationToken: cancellationToken);
            }

            await new DemoDataWriter(dataSource).WriteAsync(cancellationToken: cancellationToken);
            await new DashboardReadModelRefresher(dataSource).RefreshAsync(force: true, cancellationToken);
            await using var reports = Services(dataSource);
            var generator = reports.GetRequiredService<ReportGenerator>();
            int[] agencies;
            int year;
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                year = await connection.QuerySingleAsync<int>(new CommandDefinition(
                    "select year from rm_agency_year group by year order by sum(agreements) desc, year desc limit 1", cancellationToken: cancellationToken));
                agencies = (await connection.QueryAsync<int>(new CommandDefinition(
                    "select agency_id from rm_agency_year where year = @year and agreements > 0 order by agency_id", new { year }, cancellationToken: cancellationToken))).ToArray();
            }

            var period = new ReportPeriod(year, 12);
            var first = Stopwatch.StartNew();
            await generator.RenderAsync(ReportRequest.Kabupaten(period), ViewerScope.AllAgencies, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeds + sample data, year {year}: first report (chromium start included) {first.Elapsed.TotalSeconds:0.00} s"));
            var opd = new List<double>();
            var opdSteps = new List<(TimeSpan Read, TimeSpan Html, TimeSpan Pdf)>();
            var kabupaten = new List<double>();
            long opdBytes = 0, kabupatenBytes = 0;
            for (var i = 0; i < Math.Max(iterations, agencies.Length); i++)
            {
                var agency = agencies[i % agencies.Length];
                var report = await generator.RenderAsync(ReportRequest.Opd(agency, period), ViewerScope.Agency(agency), cancellationToken);
                opd.Add(report.Elapsed.TotalSeconds);
                opdSteps.Add(report.Steps);
                opdBytes = Math.Max(opdBytes, report.Pdf.Length);
            }

            for (var i = 0; i < iterations; i++)
            {
                var report = await generator.RenderAsync(ReportRequest.Kabupaten(period), ViewerScope.AllAgencies, cancellationToken);
                kabupaten.Add(report.Elapsed.TotalSeconds);
                kabupatenBytes = report.Pdf.Length;
            }

            PrintTimes("Laporan OPD (warm)", opd, opdBytes);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  mean per step: read {opdSteps.Average(s => s.Read.TotalSeconds):0.00} s, HTML {opdSteps.Average(s => s.Html.TotalSeconds):0.00} s, PDF {opdSteps.Average(s => s.Pdf.TotalSeconds):0.00} s"));
            PrintTimes("Laporan Kabupaten (warm)", kabupaten, kabupatenBytes);
        });

        if (options.Has("--seeds-only"))
        {
            return 0;
        }

        await WithDatabaseAsync(admin, "pk_bench_report_corpus_", options.Get("--database"), options.Has("--keep"), async dataSource =>
        {
            if (options.Get("--database") is null)
            {
                await DashboardBenchmark.LoadCorpusAsync(dataSource, options.Int("--documents", 10_000), 5, cancellationToken);
                await DashboardBenchmark.WriteRealisationAsync(dataSource, options.Int("--realisation", 1_000_000), cancellationToken);
            }

            var rebuild = Stopwatch.StartNew();
            await new DashboardReadModelRefresher(dataSource).RefreshAsync(force: true, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read model rebuilt in {rebuild.Elapsed.TotalSeconds:0.0} s"));
            await using var reports = Services(dataSource);
            var generator = reports.GetRequiredService<ReportGenerator>();
            int year;
            int[] all;
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                year = await connection.QuerySingleAsync<int>(new CommandDefinition(
                    "select year from rm_agency_year group by year order by sum(agreements) desc, year desc limit 1", cancellationToken: cancellationToken));
                all = (await connection.QueryAsync<int>(new CommandDefinition(
                    "select agency_id from rm_agency_year where year = @year and agreements > 0 order by agency_id", new { year }, cancellationToken: cancellationToken))).ToArray();
            }

            var count = options.Get("--agencies") == "all" ? all.Length : Math.Min(all.Length, options.Int("--agencies", 40));
            var chosen = all.Take(count).ToArray();
            var period = new ReportPeriod(year, 12);
            await generator.RenderAsync(ReportRequest.Opd(chosen[0], period), ViewerScope.Agency(chosen[0]), cancellationToken); // warm
            var times = new System.Collections.Concurrent.ConcurrentBag<double>();
            var steps = new System.Collections.Concurrent.ConcurrentBag<(double Read, double Html, double Pdf)>();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(chosen, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (agency, ct) =>
            {
                var report = await generator.RenderAsync(ReportRequest.Opd(agency, period), ViewerScope.Agency(agency), ct);
                times.Add(report.Elapsed.TotalSeconds);
                steps.Add((report.Steps.Read.TotalSeconds, report.Steps.Html.TotalSeconds, report.Steps.Pdf.TotalSeconds));
            });
            var total = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"corpus, year {year}: {count} of {all.Length} agencies' Laporan OPD in {total:0.0} s ({total / count:0.00} s per report, two at a time; target 40 in < 30 s)"));
            PrintTimes("  each report (two in flight)", times.ToList(), 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  mean per step: read {steps.Average(s => s.Read):0.00} s, HTML {steps.Average(s => s.Html):0.00} s, PDF {steps.Average(s => s.Pdf):0.00} s"));
        });
        return 0;
    }

    private static ServiceProvider Services(NpgsqlDataSource dataSource)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(dataSource);
        services.AddSingleton<PerformanceReadModel>();
        services.AddSingleton<IndicatorSettingsStore>();
        services.AddReports(new ReportOptions());
        return services.BuildServiceProvider();
    }

    private static void PrintTimes(string what, List<double> seconds, long bytes)
    {
        seconds.Sort();
        var size = bytes > 0 ? $"  (largest PDF {bytes / 1024} KB)" : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-28} n={seconds.Count,3}  mean {seconds.Average():0.00} s  p50 {seconds[seconds.Count / 2]:0.00} s  max {seconds[^1]:0.00} s{size}"));
    }

    private static async Task WithDatabaseAsync(string admin, string prefix, string? reuse, bool keep, Func<NpgsqlDataSource, Task> body)
    {
        var name = reuse ?? prefix + Guid.NewGuid().ToString("N")[..8];
        if (reuse is null)
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await new NpgsqlCommand($"create database {name}", connection).ExecuteNonQueryAsync();
        }

        try
        {
            var target = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 20 }.ConnectionString;
            await using var dataSource = WarehouseServiceCollectionExtensions.CreateDataSource(target);
            await new SchemaMigrator(dataSource).MigrateAsync();
            await body(dataSource);
        }
        finally
        {
            if (reuse is null && !keep)
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                await new NpgsqlCommand($"drop database if exists {name} with (force)", connection).ExecuteNonQueryAsync();
            }
            else
            {
                Console.WriteLine($"database kept: {name} (rerun with --database {name})");
            }
        }
    }
}
