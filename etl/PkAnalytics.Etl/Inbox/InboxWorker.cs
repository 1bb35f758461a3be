using System.Text.Json;
using PkAnalytics.Documents;
using PkAnalytics.Domain.Agreements;
using PkAnalytics.Etl.Loading;
using PkAnalytics.Warehouse.Inbox;
using PkAnalytics.Warehouse.Loading;

namespace PkAnalytics.Etl.Inbox;

/// <summary>
/// `pk etl worker`: waits on the inbox channel (LISTEN/NOTIFY) with polling as a fallback, claims items one at a
/// time (SKIP LOCKED, so several workers share the inbox), parses and loads each in one transaction together with
/// its inbox status, and records failures (status failed + quarantine).
/// </summary>
public sealed class InboxWorker(InboxQueue queue, DocumentLoader loader, string name, TextWriter log)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan StaleAfter { get; init; } = InboxQueue.DefaultStaleAfter;

    public string Name => name;

    /// <summary>Test hook: the parser (DocumentParser.Parse by default).</summary>
    public Func<string, byte[], ParsedDocument> Parse { get; init; } = DocumentParser.Parse;

    /// <summary>Processes items until none is pending; returns the ids it processed.</summary>
    public async Task<IReadOnlyList<long>> DrainAsync(CancellationToken cancellationToken)
    {
        var processed = new List<long>();
        while (!cancellationToken.IsCancellationRequested &&
               await queue.ClaimAsync(name, StaleAfter, cancellationToken) is { } item)
        {
            await ProcessAsync(item, cancellationToken);
            processed.Add(item.InboxId);
        }

        return processed;
    }

    /// <summary>Runs until cancelled: drain, then wait for a notification or the poll interval.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        log.WriteLine($"worker {name}: listening on '{InboxQueue.Channel}', polling every {PollInterval.TotalSeconds:0.#} s");
        InboxListener? listener = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    listener ??= await queue.ListenAsync(cancellationToken);
                    await DrainAsync(cancellationToken);
                    await listener.WaitAsync(PollInterval, cancellationToken);
                }
                catch (Exception e) when (e is Npgsql.NpgsqlException or IOException or TimeoutException && !cancellationToken.IsCancellationRequested)
                {
                    // Database gone or restarting: drop the listener, wait, try again.
                    log.WriteLine($"worker {name}: {e.Message}; retrying in {PollInterval.TotalSeconds:0.#} s");
                    if (listener is not null)
                    {
                        await listener.DisposeAsync();
                        listener = null;
                    }

                    await Task.Delay(PollInterval, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (listener is not null)
            {
                await listener.DisposeAsync();
            }
        }
    }

    private async Task ProcessAsync(InboxItem item, CancellationToken cancellationToken)
    {
        if (item.IsPreview)
        {
            await PreviewAsync(item, cancellationToken);
            return;
        }

        var source = $"inbox/{item.InboxId}/{item.FileName}";
        try
        {
            var parsed = Parse(item.FileName, item.Content);
            var options = new DocumentLoadOptions
            {
                BeforeCommit = (context, ct) => InboxQueue.FinishAsync(context.Connection, context.Transaction, item.InboxId,
                    context.Result.Status == LoadStatus.Unchanged ? "duplicate" : "loaded", context.Result.DocumentId,
                    JsonSerializer.Serialize(Describe(context.Result), Json), ct),
            };
            var result = await loader.LoadAsync(parsed, DocumentInfo.FromContent(source, item.Content), options, cancellationToken);
            log.WriteLine($"worker {name}: inbox {item.InboxId} {item.FileName}: {result.Status.ToString().ToLowerInvariant()} " +
                          $"(document {result.DocumentId}, {result.Agreements} agreements, {result.FactRows} fact rows)");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = FolderLoader.Describe(e);
            log.WriteLine($"worker {name}: inbox {item.InboxId} {item.FileName}: failed: {error}");
            await queue.FailAsync(item.InboxId, error, CancellationToken.None);
            await loader.QuarantineAsync(source, item.Sha256, error, CancellationToken.None);
        }
    }

    /// <summary>Reads an upload for the upload page; a document that cannot be read is a failed preview, not an error of the worker.</summary>
    private async Task PreviewAsync(InboxItem item, CancellationToken cancellationToken)
    {
        string? json = null;
        string? problem = null;
        try
        {
            json = ParsedDocumentTransfer.Serialize(Parse(item.FileName, item.Content));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problem = e is DocumentParseException ? e.Message : FolderLoader.Describe(e);
        }

        await queue.FinishPreviewAsync(item.InboxId, json, problem, cancellationToken);
        log.WriteLine($"worker {name}: inbox {item.InboxId} {item.FileName}: preview {(problem is null ? "ready" : "failed: " + problem)}");
    }

    private static object Describe(DocumentLoadResult r) => new
    {
        status = r.Status.ToString().ToLowerInvariant(),
        document_id = r.DocumentId,
        agreements = r.Agreements,
        indicator_targets = r.IndicatorTargets,
        budget_lines = r.BudgetLines,
        budget_total = r.BudgetTotal,
        explanation_targets = r.ExplanationTargets,
        findings = r.Findings,
    };
}
