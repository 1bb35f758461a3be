using System.Security.Cryptography;
using Dapper;
using Npgsql;

namespace PkAnalytics.Warehouse.ReadModels;

/// <summary>A loaded source document with what was taken from it.</summary>
public sealed class DocumentRow
{
    public int DocumentId { get; init; }
    public string FileName { get; init; } = "";
    public string Format { get; init; } = "";
    public int? AgencyId { get; init; }
    public string? Agency { get; init; }
    public DateTime LoadedAt { get; init; }
    public int LineCount { get; init; }
    public long SizeBytes { get; init; }
    public int Agreements { get; init; }
    public int Findings { get; init; }
}

/// <summary>An upload waiting in, or processed from, the ETL inbox.</summary>
public sealed class InboxRow
{
    public long InboxId { get; init; }
    public string FileName { get; init; } = "";
    public string? UploadedBy { get; init; }
    public DateTime UploadedAt { get; init; }
    public string Status { get; init; } = "pending";
    public DateTime? FinishedAt { get; init; }
    public int? DocumentId { get; init; }
    public string? Error { get; init; }
    public string? Result { get; init; }
}

public sealed record DocumentOverview(IReadOnlyList<InboxRow> Inbox, IReadOnlyList<DocumentRow> Documents, int DocumentTotal);

/// <summary>The Dokumen page: loaded documents, the ETL inbox, and putting an upload into the inbox.</summary>
public sealed class DocumentInbox(NpgsqlDataSource dataSource)
{
    /// <summary>The channel the ETL worker LISTENs on; the payload is the inbox id (trigger etl_inbox_notify, migration 0010).</summary>
    public const string NotifyChannel = "etl_inbox";

    private const string ListSql = """
        select i.inbox_id as InboxId, i.file_name as FileName, i.uploaded_by as UploadedBy, i.uploaded_at as UploadedAt,
               i.status as Status, i.finished_at as FinishedAt, i.document_id as DocumentId, i.error as Error,
               i.result::text as Result
        from etl_inbox i
        left join dim_document d on d.document_id = i.document_id
        where (@ScopeAgencyId::int is null or d.agency_id = @ScopeAgencyId)
          and i.status not in ('preview_pending', 'previewing', 'preview_ready', 'cancelled')
        order by i.inbox_id desc
        limit @Limit;

        select d.document_id as DocumentId, d.file_name as FileName, d.format as Format, d.agency_id as AgencyId,
               a.name as Agency, d.loaded_at as LoadedAt, d.line_count as LineCount, d.size_bytes as SizeBytes,
               (select count(*)::int from agreement g where g.document_id = d.document_id) as Agreements,
               (select count(*)::int from finding f where f.document_id = d.document_id) as Findings
        from dim_document d
        left join dim_agency a on a.agency_id = d.agency_id
        where @ScopeAgencyId::int is null or d.agency_id = @ScopeAgencyId
        order by d.loaded_at desc, d.document_id desc
        limit @Limit;

        select count(*)::int from dim_document d where @ScopeAgencyId::int is null or d.agency_id = @ScopeAgencyId;
        """;

    public async Task<DocumentOverview> ListAsync(ViewerScope scope, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            ListSql, new { ScopeAgencyId = scope.AgencyId, Limit = limit }, cancellationToken: cancellationToken));
        var inbox = (await grid.ReadAsync<InboxRow>()).AsList();
        var documents = (await grid.ReadAsync<DocumentRow>()).AsList();
        var total = await grid.ReadSingleAsync<int>();
        return new DocumentOverview(inbox, documents, total);
    }

    /// <summary>The file name under which the same content (sha256) was already loaded, if it was.</summary>
    public async Task<string?> LoadedAsAsync(string sha256, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select file_name from dim_document where sha256 = @Sha256", new { Sha256 = sha256 }, cancellationToken: cancellationToken));
    }

    public static string StatusLabel(string status) => status switch
    {
        "pending" => "Menunggu",
        "processing" => "Diproses",
        "loaded" => "Dimuat",
        "duplicate" => "Sudah pernah dimuat",
        "failed" => "Gagal",
        "preview_failed" => "Tidak terbaca",
        _ => status,
    };
}
