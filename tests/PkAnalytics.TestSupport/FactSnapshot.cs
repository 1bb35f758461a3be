using Dapper;
using Npgsql;

namespace PkAnalytics.TestSupport;

/// <summary>
/// Every agreement and fact row described by its content and natural keys (document hash, agreement and row
/// number, names), never by surrogate ids: two snapshots are equal when the database says the same things, so
/// a reload or a --replace can be checked row by row rather than by counts.
/// </summary>
public static class FactSnapshot
{
    private const string Sql = """
        select 'agreement|' || d.sha256 || '|' || a.seq || '|' || coalesce(g.name, '') || '|' || a.kind || '|' || coalesce(a.year::text, '')
               || '|' || coalesce(a.place, '') || '|' || coalesce(a.signed_on_text, '') || '|' || coalesce(a.effective_from::text, '')
               || '|' || coalesce(p.title, '') || '|' || coalesce(o.name, '') || '|' || coalesce(sp.title, '') || '|' || coalesce(so.name, '') || '|' || a.line
        from agreement a join dim_document d using (document_id) left join dim_agency g on g.agency_id = a.agency_id
        left join dim_position p on p.position_id = a.position_id left join dim_official o on o.official_id = a.official_id
        left join dim_position sp on sp.position_id = a.superior_position_id left join dim_official so on so.official_id = a.superior_official_id
        union all
        select 'target|' || d.sha256 || '|' || a.seq || '|' || t.seq || '|' || i.normalized_name || '|' || t.objective || '|' || t.target_raw
               || '|' || coalesce(t.target_value::text, '') || '|' || coalesce(t.target_unit, '') || '|' || t.line
        from fact_indicator_target t join agreement a using (agreement_id) join dim_document d on d.document_id = t.document_id
        join dim_indicator i using (indicator_id)
        union all
        select 'budget|' || d.sha256 || '|' || a.seq || '|' || b.seq || '|' || b.level || '|' || pr.normalized_name || '|' || b.amount
               || '|' || coalesce(b.funding_source, '') || '|' || b.line
        from fact_budget_allocation b join agreement a using (agreement_id) join dim_document d on d.document_id = b.document_id
        join dim_program pr using (program_id)
        union all
        select 'explanation|' || d.sha256 || '|' || a.seq || '|' || e.seq || '|' || e.indicator_text || '|' || e.target_raw
               || '|' || coalesce(e.target_value::text, '') || '|' || e.line
        from explanation_target e join agreement a using (agreement_id) join dim_document d on d.document_id = a.document_id
        union all
        select 'finding|' || d.sha256 || '|' || coalesce(a.seq::text, '-') || '|' || f.code || '|' || f.severity || '|' || f.message || '|' || f.line
        from finding f join dim_document d using (document_id) left join agreement a on a.agreement_id = f.agreement_id
        """;

    public static async Task<IReadOnlyList<string>> TakeAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<string>(Sql)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Rows whose agreement, fact and finding do not all point at the one current document row of their hash.</summary>
    public static async Task<long> RowsNotOnTheirDocumentAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("""
            select (select count(*) from fact_indicator_target t join agreement a using (agreement_id) where t.document_id <> a.document_id)
                 + (select count(*) from fact_budget_allocation b join agreement a using (agreement_id) where b.document_id <> a.document_id)
                 + (select count(*) from finding f join agreement a using (agreement_id) where f.document_id <> a.document_id)
                 + (select count(*) from agreement a where not exists (select 1 from dim_document d where d.document_id = a.document_id))
            """);
    }
}
