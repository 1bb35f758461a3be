using System.Diagnostics;
using System.Globalization;
using Dapper;
using Npgsql;
using PkAnalytics.Bench.Corpus;
using PkAnalytics.Documents;
using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Loading;
using PkAnalytics.Warehouse.ReadModels;
using PkAnalytics.Warehouse.Realisation;
using PkAnalytics.Warehouse.Data;

namespace PkAnalytics.Bench;

/// <summary>
/// `pk bench dashboard`: a fresh database with the 10.000-document corpus (generated from seeds/, parsed and
/// loaded by the real parser and loader) plus one million indicator realisation rows, SAKIP evaluations and IKM
/// surveys; then times the dashboard's overview and comparison reads (the read model plus the Domain rules, as
/// the pages run them) and reports p50/p95 per query. Target: p95 &lt; 100 ms each. The read model is rebuilt
/// once before timing, as the dashboard does in the background after every change; that rebuild time is reported.
/// </summary>
public sealed class DashboardBenchmark : IBenchmark
{
    public string Name => "dashboard";

    public string Summary =>
        "dashboard [--documents N] [--years Y] [--realisation R] [--iterations K] [--database NAME] [--keep]   " +
        "time overview and comparison on N documents (10000) + R realisation rows (1000000); p50/p95";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = BenchArgs.Parse(args, ["--documents", "--years", "--realisation", "--iterations", "--database"], ["--keep"]);
        var documents = options.Int("--documents", 10_000);
        var years = options.Int("--years", 5);
        var realisationRows = options.Int("--realisation", 1_000_000);
        var iterations = options.Int("--iterations", 50);
        var connectionString = WarehouseOptions.ResolveConnectionString(null);

        var reuse = options.Get("--database");
        var name = reuse ?? "pk_bench_dash_" + Guid.NewGuid().ToString("N")[..8];
        if (reuse is null)
        {
            await using var admin = new NpgsqlConnection(connectionString);
            await admin.OpenAsync(cancellationToken);
            await new NpgsqlCommand($"create database {name}", admin).ExecuteNonQueryAsync(cancellationToken);
        }

        var target = new NpgsqlConnectionStringBuilder(connectionString) { Database = name, MaxPoolSize = 20 }.ConnectionString;
        try
        {
            await using var dataSource = WarehouseServiceCollectionExtensions.CreateDataSource(target);
            await new SchemaMigrator(dataSource).MigrateAsync(cancellationToken);
            if (reuse is null)
            {
                await LoadCorpusAsync(dataSource, documents, years, cancellationToken);
                await WriteRealisationAsync(dataSource, realisationRows, cancellationToken);
            }

            var rebuild = Stopwatch.StartNew();
            await new DashboardReadModelRefresher(dataSource).RefreshAsync(force: true, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"read model: rebuilt in {rebuild.Elapsed.TotalSeconds:0.0} s (the dashboard does this in the background after each change)"));
            await DescribeAsync(dataSource, name, cancellationToken);
            await TimeQueriesAsync(dataSource, iterations, cancellationToken);
            return 0;
        }
        finally
        {
            if (reuse is null && !options.Has("--keep"))
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(connectionString);
                await admin.OpenAsync(CancellationToken.None);
                await new NpgsqlCommand($"drop database if exists {name} with (force)", admin).ExecuteNonQueryAsync(CancellationToken.None);
            }
            else
            {
                Console.WriteLine($"database kept: {name} (rerun with --database {name})");
            }
        }
    }

    internal static async Task LoadCorpusAsync(NpgsqlDataSource dataSource, int count, int years, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("pk-bench-dashboard-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            var seeds = Directory.GetFiles(BenchArgs.SeedsFolder(), "*.txt").Order(StringComparer.Ordinal).ToList();
            var files = new CorpusGenerator(seeds).Generate(folder, (count + years - 1) / years, years).Take(count).ToList();
            var loader = new DocumentLoader(dataSource);
            var loadOptions = new DocumentLoadOptions { SynchronousCommit = false };
            var done = 0;
            await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                async (file, ct) =>
                {
                    var content = await File.ReadAllBytesAsync(file, ct);
                    await loader.LoadAsync(DocumentParser.Parse(file, content), DocumentInfo.FromContent(file, content), loadOptions, ct);
                    if (Interlocked.Increment(ref done) % 1000 == 0)
                    {
                        Console.Error.WriteLine($"  parsed and loaded {done}/{files.Count} ({done / clock.Elapsed.TotalSeconds:0} documents/s)");
                    }
                });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"corpus:   {files.Count} documents parsed and loaded in {clock.Elapsed.TotalSeconds:0.0} s"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Indicator realisation for every indicator and quarter of the latest years first (values around the target,
    /// so capaian spreads over the bands) up to <paramref name="rows"/> rows; SAKIP and IKM for every agency and year.
    /// </summary>
    internal static async Task WriteRealisationAsync(NpgsqlDataSource dataSource, int rows, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var written = await connection.ExecuteAsync(new CommandDefinition("""
            insert into fact_indicator_realisation (indicator_id, year, quarter, value, is_sample, entered_by)
            select i.indicator_id, y.year, q.quarter,
                   round((coalesce(t.target_value, 100) * (0.35 + random() * 0.8)
                          / case when i.aggregation = 'kumulatif' then 4 else 1 end)::numeric, 2),
                   true, 'bench'
            from dim_indicator i
            cross join (select distinct year from agreement where year is not null) y
            cross join generate_series(1, 4) as q(quarter)
            left join indicator_target_effective t on t.indicator_id = i.indicator_id and t.year = y.year
            order by y.year desc, (t.indicator_id is null), i.indicator_id, q.quarter
            limit @Rows
            """, new { Rows = rows }, commandTimeout: 600, cancellationToken: cancellationToken));
        var agencies = await connection.ExecuteAsync(new CommandDefinition("""
            insert into fact_sakip_evaluation (agency_id, year, perencanaan, pengukuran, pelaporan, evaluasi, is_sample, entered_by)
            select distinct on (agency_id, year) agency_id, year,
                   round((15 + random() * 15)::numeric, 2), round((15 + random() * 15)::numeric, 2),
                   round((7 + random() * 8)::numeric, 2), round((10 + random() * 15)::numeric, 2), true, 'bench'
            from agreement where agency_id is not null and year is not null
            order by agency_id, year
            """, commandTimeout: 600, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into fact_ikm_survey (agency_id, unit_name, year, quarter, respondents, ikm_value, is_sample, entered_by)
            select distinct on (agency_id, year) agency_id, '', year, null, 100, round((65 + random() * 30)::numeric, 2), true, 'bench'
            from agreement where agency_id is not null and year is not null
            order by agency_id, year
            """, commandTimeout: 600, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("vacuum analyze", commandTimeout: 600, cancellationToken: cancellationToken));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"realisation: {written} indicator rows, {agencies} SAKIP evaluations and IKM surveys in {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    private static async Task DescribeAsync(NpgsqlDataSource dataSource, string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var d = await connection.QuerySingleAsync<(long Documents, long Agencies, long Agreements, long Targets, long Budget, long Realisation)>(
            new CommandDefinition("""
                select (select count(*) from dim_document), (select count(*) from dim_agency), (select count(*) from agreement),
                       (select count(*) from fact_indicator_target), (select count(*) from fact_budget_allocation),
                       (select count(*) from fact_indicator_realisation)
                """, cancellationToken: cancellationToken));
        Console.WriteLine($"database: {name}: {d.Documents} documents, {d.Agencies} agencies, {d.Agreements} agreements, " +
                          $"{d.Targets} indicator targets, {d.Budget} budget lines, {d.Realisation} indicator realisation rows");
    }

    private static async Task TimeQueriesAsync(NpgsqlDataSource dataSource, int iterations, CancellationToken cancellationToken)
    {
        var performance = new PerformanceReadModel(dataSource);
        var settings = new IndicatorSettingsStore(dataSource);
        var all = ViewerScope.AllAgencies;
        // The heaviest year: the one with the most agreements.
        int year;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            year = await connection.QuerySingleAsync<int>(new CommandDefinition(
                "select year from rm_agency_year group by year order by sum(agreements) desc, year desc limit 1", cancellationToken: cancellationToken));
        }

        var bands = await settings.BandSetOnAsync(new DateOnly(year, 12, 31), cancellationToken);
        var probe = RegencyPerformance.From(await performance.ReadAsync(all, year, null, cancellationToken), bands);
        var chosen = probe.Agencies.Where(a => a.Row.Agreements > 0).Take(5).Select(a => a.AgencyId).ToList();
        var one = ViewerScope.Agency(chosen[0]);
        Console.WriteLine($"year {year}: {probe.Agencies.Count} agencies, {probe.IndicatorCount} indicators " +
                          $"({probe.IndicatorsWithCapaian} with capaian), {probe.Programs.Count} programs");

        var queries = new (string Name, Func<Task> Run)[]
        {
            ("overview (all agencies)", async () =>
            {
                _ = await performance.YearsAsync(all, cancellationToken); // the page lists the years
                var b = await settings.BandSetOnAsync(new DateOnly(year, 12, 31), cancellationToken);
                _ = RegencyPerformance.From(await performance.ReadAsync(all, year, null, cancellationToken, programsByAgency: false), b);
            }),
            ("comparison (5 agencies)", async () =>
            {
                var b = await settings.BandSetOnAsync(new DateOnly(year, 12, 31), cancellationToken);
                _ = RegencyPerformance.From(await performance.ReadAsync(all, year, chosen, cancellationToken), b);
            }),
            ("overview (one agency's scope)", async () =>
            {
                _ = await performance.YearsAsync(one, cancellationToken);
                var b = await settings.BandSetOnAsync(new DateOnly(year, 12, 31), cancellationToken);
                _ = RegencyPerformance.From(await performance.ReadAsync(one, year, null, cancellationToken, programsByAgency: false), b);
            }),
        };

        Console.WriteLine($"{"query",-32} {"p50 ms",8} {"p95 ms",8} {"max ms",8}  ({iterations} runs after 3 warm-up)");
        foreach (var (queryName, run) in queries)
        {
            for (var i = 0; i < 3; i++)
            {
                await run();
            }

            var times = new List<double>();
            for (var i = 0; i < iterations; i++)
            {
                var clock = Stopwatch.StartNew();
                await run();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{queryName,-32} {Percentile(times, 0.50),8:0.0} {Percentile(times, 0.95),8:0.0} {times[^1],8:0.0}"));
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
