using System.Diagnostics;
using PkAnalytics.Documents;
using PkAnalytics.Warehouse.Loading;

namespace PkAnalytics.Etl.Loading;

/// <summary>The outcome of loading a set of files.</summary>
public sealed class LoadSummary
{
    private long loaded, unchanged, replaced, failed, agreements, targets, budgetLines, findings;

    public int Total { get; init; }

    public long Loaded => Interlocked.Read(ref loaded);

    public long Unchanged => Interlocked.Read(ref unchanged);

    public long Replaced => Interlocked.Read(ref replaced);

    public long Failed => Interlocked.Read(ref failed);

    public long Done => Loaded + Unchanged + Replaced + Failed;

    public long Agreements => Interlocked.Read(ref agreements);

    public long IndicatorTargets => Interlocked.Read(ref targets);

    public long BudgetLines => Interlocked.Read(ref budgetLines);

    public long Findings => Interlocked.Read(ref findings);

    public List<(string Path, string Error)> Failures { get; } = [];

    /// <summary>Set when the run stopped because the database went away: what was lost and where.</summary>
    public string? DatabaseLost { get; internal set; }

    internal void Add(DocumentLoadResult result)
    {
        switch (result.Status)
        {
            case LoadStatus.Loaded:
                Interlocked.Increment(ref loaded);
                break;
            case LoadStatus.Replaced:
                Interlocked.Increment(ref replaced);
                break;
            default:
                Interlocked.Increment(ref unchanged);
                break;
        }

        Interlocked.Add(ref agreements, result.Agreements);
        Interlocked.Add(ref targets, result.IndicatorTargets);
        Interlocked.Add(ref budgetLines, result.BudgetLines);
        Interlocked.Add(ref findings, result.Findings);
    }

    internal void Fail(string path, string error)
    {
        Interlocked.Increment(ref failed);
        lock (Failures)
        {
            Failures.Add((path, error));
        }
    }
}

/// <summary>
/// `pk etl load`: expands folders, parses every document and loads it in its own transaction; a failure is
/// quarantined with its error and does not stop the others. Progress goes to the error writer.
/// </summary>
public sealed class FolderLoader(DocumentLoader loader, TextWriter progress, Npgsql.NpgsqlDataSource? dataSource = null)
{
    public static IReadOnlyList<string> Extensions => PkAnalytics.Documents.DocumentParser.SupportedExtensions;

    public DocumentLoadOptions Options { get; init; } = DocumentLoadOptions.Default;

    public int Jobs { get; init; } = 1;

    /// <summary>Test hook: the parser (DocumentParser.Parse by default).</summary>
    internal Func<string, byte[], Domain.Agreements.ParsedDocument> Parse { get; init; } = DocumentParser.Parse;

    /// <summary>Every document under the given files and folders, folders sorted by path; missing paths throw.</summary>
    public static List<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"no such file or folder: {path}", path);
            }
        }

        return files.Distinct(StringComparer.Ordinal).ToList();
    }

    public async Task<LoadSummary> LoadAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var summary = new LoadSummary { Total = files.Count };
        var clock = Stopwatch.StartNew();
        var report = new ProgressReport(progress, summary, clock);
        using var databaseGone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await LoadEachAsync(files, summary, report, databaseGone, databaseGone.Token);
        }
        catch (OperationCanceledException) when (summary.DatabaseLost is not null && !cancellationToken.IsCancellationRequested)
        {
            // Stopped on purpose: the database is gone; the caller says so.
        }

        report.Finish();
        return summary;
    }

    private Task LoadEachAsync(IReadOnlyList<string> files, LoadSummary summary, ProgressReport report, CancellationTokenSource stop, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(files, new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, Jobs),
            CancellationToken = cancellationToken,
        }, async (file, ct) =>
        {
            string? sha = null;
            try
            {
                var content = await File.ReadAllBytesAsync(file, ct);
                var parsed = Parse(file, content);
                sha = parsed.Sha256;
                DocumentLoadResult result;
                try
                {
                    result = await loader.LoadAsync(parsed, DocumentInfo.FromContent(file, content), Options, ct);
                }
                catch (Exception e) when (Warehouse.DatabaseFailures.IsUnavailable(e) && !ct.IsCancellationRequested)
                {
                    // A dropped connection rolled the document back; once more, if the database is there at all.
                    if (!await DatabaseReachableAsync(ct))
                    {
                        throw;
                    }

                    result = await loader.LoadAsync(parsed, DocumentInfo.FromContent(file, content), Options, ct);
                }

                summary.Add(result);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                if (Warehouse.DatabaseFailures.IsUnavailable(e) && !await DatabaseReachableAsync(ct))
                {
                    // Not this document's fault, and nothing could be quarantined: stop, say so, a rerun finishes the job.
                    lock (summary)
                    {
                        summary.DatabaseLost ??= $"{file}: {Describe(e)}";
                    }

                    await stop.CancelAsync();
                    return;
                }

                var error = Describe(e);
                summary.Fail(file, error);
                progress.WriteLine($"failed: {file}: {error}");
                try
                {
                    await loader.QuarantineAsync(file, sha, error, ct);
                }
                catch (Exception q) when (q is not OperationCanceledException)
                {
                    progress.WriteLine($"  and could not be quarantined: {Describe(q)}");
                }
            }

            report.Tick(file);
        });

    private async Task<bool> DatabaseReachableAsync(CancellationToken cancellationToken) =>
        dataSource is null || await Warehouse.DatabaseFailures.IsReachableAsync(dataSource, cancellationToken);

    public static string Describe(Exception e) => e switch
    {
        DocumentRejectedException => e.Message,
        Npgsql.PostgresException p => $"database error {p.SqlState}: {p.MessageText}" + (p.Detail is { } d ? $" ({d})" : ""),
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private sealed class ProgressReport(TextWriter writer, LoadSummary summary, Stopwatch clock)
    {
        private readonly Lock gate = new();
        private TimeSpan? lastPrint;

        public void Tick(string file)
        {
            lock (gate)
            {
                var now = clock.Elapsed;
                if (lastPrint is { } last && now - last < TimeSpan.FromSeconds(1) && summary.Done < summary.Total)
                {
                    return;
                }

                lastPrint = now;
                writer.WriteLine(Line(Path.GetFileName(file)));
            }
        }

        public void Finish()
        {
            lock (gate)
            {
                writer.WriteLine(Line(null));
            }
        }

        private string Line(string? last)
        {
            var done = summary.Done;
            var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
            var rate = done / seconds;
            var remaining = rate > 0 ? TimeSpan.FromSeconds((summary.Total - done) / rate) : TimeSpan.Zero;
            var width = summary.Total.ToString().Length;
            return $"[{done.ToString().PadLeft(width)}/{summary.Total}] {rate:0.0} files/s, ETA {Format(remaining)}" +
                   (summary.Failed > 0 ? $", {summary.Failed} failed" : "") + (last is null ? "" : $"  {last}");
        }

        private static string Format(TimeSpan t) =>
            t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds:00}s" : $"{t.Seconds}s";
    }
}
