using System.Security.Cryptography;
using Dapper;
using Npgsql;
using PkAnalytics.Warehouse.Data;
using PkAnalytics.Warehouse.Data.Entities;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Warehouse.Inbox;

/// <summary>A document waiting in etl_inbox, as claimed by a worker: to read for a preview, or to load.</summary>
public sealed record InboxItem(long InboxId, string FileName, byte[] Content, string Sha256, string Status)
{
    public bool IsPreview => Status == InboxStatuses.Previewing;
}

/// <summary>What the inbox says about one item (for the dashboard's upload page and the tests).</summary>
public sealed record InboxStatus(long InboxId, string FileName, string Status, string? ClaimedBy, int? DocumentId,
    string? Result, string? Error, DateTime UploadedAt, DateTime? FinishedAt, string? Preview = null, string? UploadedBy = null);

/// <summary>
/// The inbox table: the dashboard's upload writes documents here, ETL workers claim them. A claim is an UPDATE of
/// the oldest pending row chosen with FOR UPDATE SKIP LOCKED (SQL: EF has no words for it), so two workers never
/// claim the same item; an item a crashed worker left in 'processing' longer than the stale time can be claimed
/// again. Finishing writes inside the document load's own transaction (Npgsql, beside the COPY). Inserting a pending
/// row notifies channel <see cref="Channel"/> (trigger etl_inbox_notify), which wakes listening workers.
/// </summary>
public sealed class InboxQueue(NpgsqlDataSource dataSource)
{
    public const string Channel = "etl_inbox";

    public static TimeSpan DefaultStaleAfter { get; } = TimeSpan.FromMinutes(15);

    // Previews first: someone is waiting on the upload page for them.
    private const string ClaimSql = """
        update etl_inbox i
        set status = case when i.status in ('preview_pending', 'previewing') then 'previewing' else 'processing' end,
            claimed_by = @Worker, claimed_at = now(), finished_at = null, error = null
        where i.inbox_id = (
            select inbox_id from etl_inbox
            where status in ('pending', 'preview_pending')
               or (status in ('processing', 'previewing') and claimed_at < now() - make_interval(secs => @StaleSeconds))
            order by (status in ('preview_pending', 'previewing')) desc, inbox_id
            limit 1
            for update skip locked)
        returning i.inbox_id as InboxId, i.file_name as FileName, i.content as Content, i.sha256 as Sha256, i.status as Status
        """;

    private const string FinishPreviewSql = """
        update etl_inbox
        set status = @Status, finished_at = now(), preview = @Preview::jsonb, error = @Error
        where inbox_id = @InboxId and status = 'previewing'
        """;

    private const string FinishSql = """
        update etl_inbox
        set status = @Status, finished_at = now(), document_id = @DocumentId, result = @Result::jsonb, error = @Error
        where inbox_id = @InboxId
        """;

    private const string StatusSql = """
        select inbox_id as InboxId, file_name as FileName, status as Status, claimed_by as ClaimedBy,
               document_id as DocumentId, result::text as Result, error as Error, uploaded_at as UploadedAt,
               finished_at as FinishedAt, preview::text as Preview, uploaded_by as UploadedBy
        from etl_inbox
        where inbox_id = @InboxId
        """;

    /// <summary>
    /// Stores a document for the workers (what the dashboard's upload does) and records the upload in the audit log;
    /// returns its inbox id. Only a viewer who may upload documents may enqueue.
    /// </summary>
    public Task<long> EnqueueAsync(ViewerScope uploader, string fileName, byte[] content, CancellationToken cancellationToken = default) =>
        EnqueueAsync(uploader, fileName, content, InboxStatuses.Pending, cancellationToken);

    /// <summary>
    /// Stores an upload for a worker to read (not load): the upload page shows what was read, and the upload is
    /// loaded only once confirmed (<see cref="ConfirmAsync"/>). The dashboard itself never parses a document.
    /// </summary>
    public Task<long> EnqueueForPreviewAsync(ViewerScope uploader, string fileName, byte[] content, CancellationToken cancellationToken = default) =>
        EnqueueAsync(uploader, fileName, content, InboxStatuses.PreviewPending, cancellationToken);

    private async Task<long> EnqueueAsync(ViewerScope uploader, string fileName, byte[] content, string status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploader);
        ArgumentNullException.ThrowIfNull(content);
        if (!uploader.Can(ViewerRights.UploadDocuments))
        {
            throw new UnauthorizedAccessException("Akun Anda tidak berwenang mengunggah dokumen.");
        }

        await using var db = WarehouseDbContext.Create(dataSource, uploader);
        var uploadedBy = uploader.Actor;
        var entry = db.Inbox.Add(new InboxEntry
        {
            FileName = Path.GetFileName(fileName.Replace('\\', '/')),
            Content = content,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            UploadedBy = uploadedBy,
            UploadedAt = DateTime.UtcNow,
            Status = status,
        }).Entity;
        db.AuditLog.Add(new AuditEntry
        {
            At = DateTime.UtcNow, Actor = uploadedBy, Kind = AuditKinds.Upload, Subject = $"Unggah dokumen {fileName}",
            NewValue = $"{content.Length} bita, sha256 {entry.Sha256}",
        });
        await db.SaveChangesAsync(cancellationToken);
        return entry.InboxId;
    }

    /// <summary>Claims the oldest pending item for <paramref name="worker"/>, or null when there is none.</summary>
    public async Task<InboxItem?> ClaimAsync(string worker, TimeSpan? staleAfter = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<InboxItem>(new CommandDefinition(ClaimSql, new
        {
            Worker = worker,
            StaleSeconds = (staleAfter ?? DefaultStaleAfter).TotalSeconds,
        }, cancellationToken: cancellationToken));
    }

    /// <summary>Writes the outcome inside the document load's transaction, so status and data commit together.</summary>
    public static Task FinishAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long inboxId, string status,
        int? documentId, string? resultJson, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(FinishSql, new
        {
            InboxId = inboxId,
            Status = status,
            DocumentId = documentId,
            Result = resultJson,
            Error = (string?)null,
        }, transaction, cancellationToken: cancellationToken));

    /// <summary>Records what the worker read for an upload's preview (the parsed document as JSON), or why it could not.</summary>
    public async Task FinishPreviewAsync(long inboxId, string? previewJson, string? error, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(FinishPreviewSql, new
        {
            InboxId = inboxId,
            Status = error is null ? InboxStatuses.PreviewReady : InboxStatuses.PreviewFailed,
            Preview = previewJson,
            Error = error,
        }, cancellationToken: cancellationToken));
    }

    /// <summary>Confirms a previewed upload: it is loaded by the next worker. False when it is not (or no longer) ready.</summary>
    public async Task<bool> ConfirmAsync(ViewerScope viewer, long inboxId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.Can(ViewerRights.UploadDocuments))
        {
            throw new UnauthorizedAccessException("Akun Anda tidak berwenang mengunggah dokumen.");
        }

        await using var db = WarehouseDbContext.Create(dataSource, viewer);
        var entry = await db.Inbox.FindAsync([inboxId], cancellationToken);
        if (entry is not { Status: InboxStatuses.PreviewReady })
        {
            return false;
        }

        (entry.Status, entry.ClaimedBy, entry.ClaimedAt, entry.FinishedAt) = (InboxStatuses.Pending, null, null, null);
        db.AuditLog.Add(new AuditEntry
        {
            At = DateTime.UtcNow, Actor = viewer.Actor, Kind = AuditKinds.Upload, Subject = $"Konfirmasi muat dokumen {entry.FileName}",
            NewValue = $"antrean {inboxId}",
        });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Drops an upload that was only previewed (its content is not kept). False when it was already confirmed.</summary>
    public async Task<bool> CancelAsync(ViewerScope viewer, long inboxId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.Can(ViewerRights.UploadDocuments))
        {
            throw new UnauthorizedAccessException("Akun Anda tidak berwenang mengunggah dokumen.");
        }

        await using var db = WarehouseDbContext.Create(dataSource, viewer);
        var entry = await db.Inbox.FindAsync([inboxId], cancellationToken);
        if (entry is null || entry.Status is not (InboxStatuses.PreviewPending or InboxStatuses.PreviewReady or InboxStatuses.PreviewFailed))
        {
            return false;
        }

        (entry.Status, entry.Content, entry.Preview, entry.FinishedAt) = (InboxStatuses.Cancelled, [], null, DateTime.UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Marks an item failed with its error (the load rolled back, so this is its own transaction).</summary>
    public async Task FailAsync(long inboxId, string error, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(FinishSql, new
        {
            InboxId = inboxId,
            Status = "failed",
            DocumentId = (int?)null,
            Result = (string?)null,
            Error = error,
        }, cancellationToken: cancellationToken));
    }

    public async Task<InboxStatus?> GetAsync(long inboxId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<InboxStatus>(new CommandDefinition(
            StatusSql, new { InboxId = inboxId }, cancellationToken: cancellationToken));
    }

    /// <summary>Opens a connection that LISTENs on <see cref="Channel"/>; dispose it to stop listening.</summary>
    public async Task<InboxListener> ListenAsync(CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition($"listen {Channel}", cancellationToken: cancellationToken));
            return new InboxListener(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

/// <summary>A listening connection: <see cref="WaitAsync"/> returns when a notification arrives or the timeout passes.</summary>
public sealed class InboxListener : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;

    internal InboxListener(NpgsqlConnection connection) => this.connection = connection;

    /// <summary>True when a notification arrived, false on timeout (the caller then polls).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        connection.WaitAsync(timeout, cancellationToken);

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
