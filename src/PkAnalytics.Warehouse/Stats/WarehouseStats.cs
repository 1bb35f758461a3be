using Dapper;
using Npgsql;

namespace PkAnalytics.Warehouse.Stats;

/// <summary>What the warehouse holds for one agency (AgencyId null: documents without an agency, or the total).</summary>
public sealed record AgencyStats(
    int? AgencyId,
    string Agency,
    long Documents,
    long AgreementsCurrent,
    long AgreementsAll,
    long IndicatorTargets,
    long BudgetLines,
    decimal BudgetTotalCurrent,
    long Findings,
    long IndicatorRealisations,
    long BudgetRealisations,
    long SakipEvaluations,
    long IkmSurveys)
{
    public long RealisationRows => IndicatorRealisations + BudgetRealisations + SakipEvaluations + IkmSurveys;
}

public sealed record WarehouseSnapshot(IReadOnlyList<AgencyStats> Agencies, AgencyStats Total, long Quarantined,
    long InboxPending, long InboxFailed);

/// <summary>Counts per agency and in total for `pk etl stats` (and anyone who wants a health view).</summary>
public sealed class WarehouseStats(NpgsqlDataSource dataSource)
{
    // An agency's budget: the top-level lines (programs, else kegiatan, else sub kegiatan) of the current
    // agreements of its highest positions (the head's), since lower agreements restate parts of it. The same
    // rule as DocumentLoader.BudgetTotal.
    private const string PerAgencySql = """
        with keys as (
            select agency_id, name from dim_agency
            union all
            select null::int, '(tanpa instansi)' where exists (select 1 from dim_document where agency_id is null)),
        docs as (select agency_id, count(*) as n from dim_document group by agency_id),
        agr as (select agency_id, count(*) as n from agreement group by agency_id),
        cur as (select agency_id, count(*) as n from agreement_current group by agency_id),
        tgt as (select a.agency_id, count(*) as n from fact_indicator_target f join agreement a using (agreement_id) group by a.agency_id),
        bud as (select a.agency_id, count(*) as n from fact_budget_allocation f join agreement a using (agreement_id) group by a.agency_id),
        lines as (
            select c.agency_id, f.agreement_id, f.amount,
                   case f.level when 'program' then 1 when 'kegiatan' then 2 else 3 end as line_rank,
                   min(case f.level when 'program' then 1 when 'kegiatan' then 2 else 3 end)
                       over (partition by f.agreement_id) as top_line_rank,
                   case p.level when 'eselon_ii' then 1 when 'eselon_iii' then 2 when 'eselon_iv' then 3 else 4 end as position_rank
            from fact_budget_allocation f
            join agreement_current c using (agreement_id)
            left join dim_position p on p.position_id = c.position_id),
        head_lines as (
            select *, min(position_rank) over (partition by agency_id) as top_position_rank from lines),
        budsum as (select agency_id, sum(amount) as s from head_lines
                   where line_rank = top_line_rank and position_rank = top_position_rank group by agency_id),
        fnd as (select agency_id, count(*) as n from finding_detail group by agency_id),
        ir as (select i.agency_id, count(*) as n from fact_indicator_realisation r join dim_indicator i using (indicator_id) group by i.agency_id),
        br as (select agency_id, count(*) as n from fact_budget_realisation group by agency_id),
        se as (select agency_id, count(*) as n from fact_sakip_evaluation group by agency_id),
        ik as (select agency_id, count(*) as n from fact_ikm_survey group by agency_id)
        select k.agency_id as AgencyId, k.name as Agency,
               coalesce(docs.n, 0) as Documents, coalesce(cur.n, 0) as AgreementsCurrent, coalesce(agr.n, 0) as AgreementsAll,
               coalesce(tgt.n, 0) as IndicatorTargets, coalesce(bud.n, 0) as BudgetLines,
               coalesce(budsum.s, 0) as BudgetTotalCurrent, coalesce(fnd.n, 0) as Findings,
               coalesce(ir.n, 0) as IndicatorRealisations, coalesce(br.n, 0) as BudgetRealisations,
               coalesce(se.n, 0) as SakipEvaluations, coalesce(ik.n, 0) as IkmSurveys
        from keys k
        left join docs on docs.agency_id is not distinct from k.agency_id
        left join agr on agr.agency_id is not distinct from k.agency_id
        left join cur on cur.agency_id is not distinct from k.agency_id
        left join tgt on tgt.agency_id is not distinct from k.agency_id
        left join bud on bud.agency_id is not distinct from k.agency_id
        left join budsum on budsum.agency_id is not distinct from k.agency_id
        left join fnd on fnd.agency_id is not distinct from k.agency_id
        left join ir on ir.agency_id is not distinct from k.agency_id
        left join br on br.agency_id is not distinct from k.agency_id
        left join se on se.agency_id is not distinct from k.agency_id
        left join ik on ik.agency_id is not distinct from k.agency_id
        order by k.agency_id is null, k.name
        """;

    private const string QueueSql = """
        select (select count(*) from etl_quarantine) as Quarantined,
               (select count(*) from etl_inbox where status in ('pending', 'processing')) as InboxPending,
               (select count(*) from etl_inbox where status = 'failed') as InboxFailed
        """;

    private sealed record QueueCounts(long Quarantined, long InboxPending, long InboxFailed);

    public async Task<WarehouseSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var agencies = (await connection.QueryAsync<AgencyStats>(new CommandDefinition(PerAgencySql, cancellationToken: cancellationToken))).AsList();
        var queue = await connection.QuerySingleAsync<QueueCounts>(new CommandDefinition(QueueSql, cancellationToken: cancellationToken));
        var total = new AgencyStats(null, "Total",
            agencies.Sum(a => a.Documents), agencies.Sum(a => a.AgreementsCurrent), agencies.Sum(a => a.AgreementsAll),
            agencies.Sum(a => a.IndicatorTargets), agencies.Sum(a => a.BudgetLines), agencies.Sum(a => a.BudgetTotalCurrent),
            agencies.Sum(a => a.Findings), agencies.Sum(a => a.IndicatorRealisations), agencies.Sum(a => a.BudgetRealisations),
            agencies.Sum(a => a.SakipEvaluations), agencies.Sum(a => a.IkmSurveys));
        return new WarehouseSnapshot(agencies, total, queue.Quarantined, queue.InboxPending, queue.InboxFailed);
    }
}
