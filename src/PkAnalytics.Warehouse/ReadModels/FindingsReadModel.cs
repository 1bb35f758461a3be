using Dapper;
using Npgsql;

namespace PkAnalytics.Warehouse.ReadModels;

/// <summary>Filters of the Temuan Data page; null means "all". <see cref="Limit"/> rows from <see cref="Offset"/> (a page).</summary>
public sealed record FindingFilter(int? AgencyId = null, string? Code = null, string? Severity = null, int Limit = 2000, int Offset = 0);

/// <summary>A finding kind with how many findings of that kind the viewer can see.</summary>
public sealed class FindingKindCount
{
    public string Code { get; init; } = "";
    public int Count { get; init; }
}

public sealed record FindingList(IReadOnlyList<FindingRow> Rows, int Total, IReadOnlyList<FindingKindCount> Kinds, IReadOnlyList<AgencyOption> Agencies);

/// <summary>An agency to choose in a filter.</summary>
public sealed class AgencyOption
{
    public int AgencyId { get; init; }
    public string Name { get; init; } = "";
}

/// <summary>Every parser finding with its document and line, filtered by agency, kind and severity.</summary>
public sealed class FindingsReadModel(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        select f.finding_id as FindingId, f.code as Code, f.severity as Severity, f.message as Message, f.line as Line,
               d.document_id as DocumentId, d.file_name as FileName, d.agency_id as AgencyId, a.name as Agency,
               f.agreement_id as AgreementId, coalesce(g.first_party_title, p.title) as Position
        from finding f
        join dim_document d on d.document_id = f.document_id
        left join dim_agency a on a.agency_id = d.agency_id
        left join agreement g on g.agreement_id = f.agreement_id
        left join dim_position p on p.position_id = g.position_id
        where (@ScopeAgencyId::int is null or d.agency_id = @ScopeAgencyId)
          and (@AgencyId::int is null or d.agency_id = @AgencyId)
          and (@Code::text is null or f.code = @Code)
          and (@Severity::text is null or f.severity = @Severity)
        order by case f.severity when 'error' then 0 when 'warning' then 1 else 2 end, a.name, d.file_name, f.line, f.finding_id
        limit @Limit offset @Offset;

        select count(*)::int
        from finding f join dim_document d on d.document_id = f.document_id
        where (@ScopeAgencyId::int is null or d.agency_id = @ScopeAgencyId)
          and (@AgencyId::int is null or d.agency_id = @AgencyId)
          and (@Code::text is null or f.code = @Code)
          and (@Severity::text is null or f.severity = @Severity);

        select f.code as Code, count(*)::int as Count
        from finding f join dim_document d on d.document_id = f.document_id
        where (@ScopeAgencyId::int is null or d.agency_id = @ScopeAgencyId)
          and (@AgencyId::int is null or d.agency_id = @AgencyId)
        group by f.code order by f.code;

        select a.agency_id as AgencyId, a.name as Name from dim_agency a
        where @ScopeAgencyId::int is null or a.agency_id = @ScopeAgencyId
        order by a.name;
        """;

    public async Task<FindingList> ListAsync(ViewerScope scope, FindingFilter filter, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(Sql, new
        {
            ScopeAgencyId = scope.AgencyId,
            filter.AgencyId,
            Code = string.IsNullOrWhiteSpace(filter.Code) ? null : filter.Code,
            Severity = string.IsNullOrWhiteSpace(filter.Severity) ? null : filter.Severity,
            filter.Limit,
            filter.Offset,
        }, cancellationToken: cancellationToken));
        var rows = (await grid.ReadAsync<FindingRow>()).AsList();
        var total = await grid.ReadSingleAsync<int>();
        var kinds = (await grid.ReadAsync<FindingKindCount>()).AsList();
        var agencies = (await grid.ReadAsync<AgencyOption>()).AsList();
        return new FindingList(rows, total, kinds, agencies);
    }

    /// <summary>Label of a finding code in Bahasa Indonesia (the code itself when unknown).</summary>
    public static string KindLabel(string code) => code switch
    {
        "target_mismatch" => "Target Lampiran 2 berbeda",
        "budget_sum_mismatch" => "Jumlah anggaran tidak cocok",
        "malformed_number" => "Angka salah tulis",
        "ambiguous_number" => "Angka bermakna ganda",
        "date_mismatch" => "Tanggal berbeda",
        "target_from_last_quarter" => "Target dari triwulan terakhir",
        "indicators_unread" => "Tabel indikator tak terbaca",
        "objective_without_indicator" => "Sasaran tanpa indikator",
        "agreement_truncated" => "Perjanjian terpotong",
        "unreadable_document" => "Dokumen tak terbaca",
        _ => code,
    };

    public static string SeverityLabel(string severity) => severity switch
    {
        "error" => "Galat",
        "warning" => "Peringatan",
        "info" => "Info",
        _ => severity,
    };
}
