using System.Diagnostics;
using System.Globalization;
using Npgsql;
using PkAnalytics.Bench.Corpus;
using PkAnalytics.Documents;
using PkAnalytics.Domain.Agreements;
using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Loading;
using PkAnalytics.Warehouse.Data;

namespace PkAnalytics.Bench;

/// <summary>
/// `pk bench load`: loads N documents (10.000 by default) into a fresh database through the real loader (one
/// transaction per document, binary COPY of the facts), then binary-COPYs the same fact rows raw into tables of
/// the same shape in the same database, and reports documents/s, fact rows/s and the ratio of the two times.
/// </summary>
public sealed class LoadBenchmark : IBenchmark
{
    public string Name => "load";

    public string Summary =>
        "load [--documents N] [--corpus DIR] [--jobs J] [--commit sync|async|both] [--synthetic] [--keep]   load N documents (default 10000) and compare with a raw binary COPY";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        BenchArgs options;
        try
        {
            options = BenchArgs.Parse(args, ["--documents", "--corpus", "--jobs", "--years", "--commit"], ["--synthetic", "--keep"]);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"pk bench {Name}: {e.Message}\nusage: pk bench {Summary}");
            return 2;
        }

        var modes = options.Get("--commit") switch
        {
            null or "sync" => new[] { true },
            "async" => [false],
            "both" => [true, false],
            _ => [],
        };
        if (modes.Length == 0)
        {
            Console.Error.WriteLine($"pk bench load: --commit takes sync, async or both\nusage: pk bench {Summary}");
            return 2;
        }
        var count = options.Int("--documents", 10_000);
        var jobs = options.Int("--jobs", 8); // the load command's default
        var years = options.Int("--years", 5);
        WarehouseOptions.ResolveConnectionString(null); // fail before parsing when no database is configured

        // 1. The documents: a corpus folder, or one generated from the seeds, parsed before timing the load.
        var documents = options.Has("--synthetic") ? [] : Parse(options.Get("--corpus"), count, years);
        var source = "parsed corpus";
        if (documents.Sum(d => d.Document.Agreements.Sum(a => a.Indicators.Count + a.Budget.Count)) == 0)
        {
            if (!options.Has("--synthetic"))
            {
                Console.WriteLine("the parser returned no fact rows for the corpus: loading synthetic parsed documents shaped like the seeds");
            }

            documents = SyntheticParsedDocuments.Generate(count, years).Select(d => (d, new DocumentInfo(d.Source, 50_000, 1_000))).ToList();
            source = "synthetic parsed documents";
        }

        var factRows = documents.Sum(d => d.Document.Agreements.Sum(a => a.Indicators.Count + a.Budget.Count));
        Console.WriteLine($"documents: {documents.Count} ({source}), agreements {documents.Sum(d => d.Document.Agreements.Count)}, fact rows {factRows}");

        foreach (var synchronousCommit in modes)
        {
            await MeasureAsync(documents, factRows, jobs, synchronousCommit, options.Has("--keep"), cancellationToken);
        }

        return 0;
    }

    private static async Task MeasureAsync(List<(ParsedDocument Document, DocumentInfo Info)> documents, int factRows, int jobs,
        bool synchronousCommit, bool keep, CancellationToken cancellationToken)
    {
        var connectionString = WarehouseOptions.ResolveConnectionString(null);

        // 2. A fresh database on the same server.
        var admin = new NpgsqlConnectionStringBuilder(connectionString);
        var name = "pk_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await new NpgsqlCommand($"create database {name}", connection).ExecuteNonQueryAsync(cancellationToken);
        }

        var target = new NpgsqlConnectionStringBuilder(connectionString) { Database = name, MaxPoolSize = Math.Max(10, jobs * 2) }.ConnectionString;
        try
        {
            await using var dataSource = WarehouseServiceCollectionExtensions.CreateDataSource(target);
            await new SchemaMigrator(dataSource).MigrateAsync(cancellationToken);

            // 3. The loader.
            var loader = new DocumentLoader(dataSource);
            var loadOptions = new DocumentLoadOptions { SynchronousCommit = synchronousCommit };
            var clock = Stopwatch.StartNew();
            var done = 0;
            var lastReport = TimeSpan.Zero;
            await Parallel.ForEachAsync(documents, new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken },
                async (d, ct) =>
                {
                    await loader.LoadAsync(d.Document, d.Info, loadOptions, ct);
                    var n = Interlocked.Increment(ref done);
                    if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(5))
                    {
                        lastReport = clock.Elapsed;
                        Console.Error.WriteLine($"  loaded {n}/{documents.Count} ({n / clock.Elapsed.TotalSeconds:0} documents/s)");
                    }
                });
            var loadTime = clock.Elapsed;

            // 4. The same fact rows (read back with their ids), raw: one binary COPY per table into tables of the
            //    same shape, once with the fact tables' foreign keys and once with keys only.
            var rows = await ReadFactsAsync(dataSource, cancellationToken);
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                await new NpgsqlCommand("""
                    create table raw_fk_indicator_target (like fact_indicator_target including all,
                        foreign key (agreement_id) references agreement, foreign key (indicator_id) references dim_indicator,
                        foreign key (document_id) references dim_document);
                    create table raw_fk_budget_allocation (like fact_budget_allocation including all,
                        foreign key (agreement_id) references agreement, foreign key (program_id) references dim_program,
                        foreign key (document_id) references dim_document);
                    create table raw_indicator_target (like fact_indicator_target including all);
                    create table raw_budget_allocation (like fact_budget_allocation including all);
                    checkpoint;
                    """, connection).ExecuteNonQueryAsync(cancellationToken);
            }

            clock.Restart();
            await RawCopyAsync(dataSource, rows, "raw_fk_", cancellationToken);
            var rawTime = clock.Elapsed;
            clock.Restart();
            await RawCopyAsync(dataSource, rows, "raw_", cancellationToken);
            var rawNoFkTime = clock.Elapsed;

            var ratio = loadTime.TotalSeconds / rawTime.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                load:     {documents.Count} documents in {loadTime.TotalSeconds:0.00} s = {documents.Count / loadTime.TotalSeconds:0} documents/s, {factRows / loadTime.TotalSeconds:0} fact rows/s (jobs {jobs}, {(loadOptions.SynchronousCommit ? "synchronous" : "asynchronous")} commit)
                raw COPY: {factRows} fact rows in {rawTime.TotalSeconds:0.00} s = {factRows / rawTime.TotalSeconds:0} fact rows/s (same keys and foreign keys as the fact tables, {RawChunk} rows per COPY)
                          {factRows} fact rows in {rawNoFkTime.TotalSeconds:0.00} s = {factRows / rawNoFkTime.TotalSeconds:0} fact rows/s (keys only, no foreign keys, {RawChunk} rows per COPY)
                ratio:    load / raw COPY = {ratio:0.00}x (target <= 3x); against the COPY without foreign keys {loadTime.TotalSeconds / rawNoFkTime.TotalSeconds:0.00}x
                """));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (!keep)
            {
                await using var connection = new NpgsqlConnection(admin.ConnectionString);
                await connection.OpenAsync(CancellationToken.None);
                await new NpgsqlCommand($"drop database if exists {name} with (force)", connection).ExecuteNonQueryAsync(CancellationToken.None);
            }
            else
            {
                Console.WriteLine($"kept database {name}");
            }
        }
    }

    private static List<(ParsedDocument Document, DocumentInfo Info)> Parse(string? corpus, int count, int years)
    {
        var folder = corpus;
        string? generated = null;
        if (folder is null)
        {
            generated = Directory.CreateTempSubdirectory("pk-bench-corpus-").FullName;
            var seeds = Directory.GetFiles(BenchArgs.SeedsFolder(), "*.txt").Order(StringComparer.Ordinal).ToList();
            new CorpusGenerator(seeds).Generate(generated, (count + years - 1) / years, years);
            folder = generated;
        }

        try
        {
            // Year by year (as documents arrive), so parallel loads do not all start on the same agency.
            var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(count)
                .OrderBy(f => Path.GetFileNameWithoutExtension(f).Split('_').Last(), StringComparer.Ordinal).ToList();
            var clock = Stopwatch.StartNew();
            var parsed = files.AsParallel().AsOrdered().Select(f =>
            {
                var content = File.ReadAllBytes(f);
                return (DocumentParser.Parse(f, content), DocumentInfo.FromContent(f, content));
            }).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"parse:    {parsed.Count} documents in {clock.Elapsed.TotalSeconds:0.00} s ({parsed.Count / clock.Elapsed.TotalSeconds:0} documents/s; not part of the load figures)"));
            return parsed;
        }
        finally
        {
            if (generated is not null)
            {
                Directory.Delete(generated, recursive: true);
            }
        }
    }

    private sealed record FactRows(
        List<(int Agreement, int Seq, int Indicator, IndicatorTarget Row, int Document)> Targets,
        List<(int Agreement, int Seq, int Program, BudgetLine Row, int Document)> Budget);

    private static async Task<FactRows> ReadFactsAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var rows = new FactRows([], []);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var command = new NpgsqlCommand(
            "select agreement_id, seq, indicator_id, objective, target_raw, target_value, target_unit, document_id, line from fact_indicator_target", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Targets.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2),
                    new IndicatorTarget(reader.GetString(3), "", new TargetValue(reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetDecimal(5), reader.IsDBNull(6) ? null : reader.GetString(6)), reader.GetInt32(8)),
                    reader.GetInt32(7)));
            }
        }

        await using (var command = new NpgsqlCommand(
            "select agreement_id, seq, program_id, level, amount, funding_source, document_id, line from fact_budget_allocation", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var level = reader.GetString(3) switch
                {
                    "program" => BudgetLevel.Program,
                    "kegiatan" => BudgetLevel.Kegiatan,
                    _ => BudgetLevel.SubKegiatan,
                };
                rows.Budget.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2),
                    new BudgetLine(level, "", reader.GetDecimal(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(7)),
                    reader.GetInt32(6)));
            }
        }

        return rows;
    }

    // Rows per COPY statement of the baseline: one statement per table would make PostgreSQL queue every
    // foreign-key check of the whole table before running them, which is slower per row than the loader's
    // document-sized COPYs and would flatter the ratio.
    private const int RawChunk = 10_000;

    private static async Task RawCopyAsync(NpgsqlDataSource dataSource, FactRows rows, string prefix, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        foreach (var chunk in rows.Targets.Chunk(RawChunk))
        {
            await using var writer = await connection.BeginBinaryImportAsync(FactCopy.CopyIndicatorTargets(prefix + "indicator_target"), ct);
            foreach (var r in chunk)
            {
                await FactCopy.WriteIndicatorTargetAsync(writer, r.Agreement, r.Seq, r.Indicator, r.Row, r.Document, ct);
            }

            await writer.CompleteAsync(ct);
        }

        foreach (var chunk in rows.Budget.Chunk(RawChunk))
        {
            await using var writer = await connection.BeginBinaryImportAsync(FactCopy.CopyBudgetAllocations(prefix + "budget_allocation"), ct);
            foreach (var r in chunk)
            {
                await FactCopy.WriteBudgetAllocationAsync(writer, r.Agreement, r.Seq, r.Program, r.Row, r.Document, ct);
            }

            await writer.CompleteAsync(ct);
        }
    }
}
