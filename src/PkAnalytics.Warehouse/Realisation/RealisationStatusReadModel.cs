using Dapper;
using Npgsql;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Warehouse.Realisation;

/// <summary>How complete an agency's realisation is for a year: what Bappeda chases operators for.</summary>
public sealed class RealisationStatus
{
    public int AgencyId { get; init; }
    public string Name { get; init; } = "";
    public int Indicators { get; init; }
    public int Q1 { get; init; }
    public int Q2 { get; init; }
    public int Q3 { get; init; }
    public int Q4 { get; init; }
    public int BudgetMonths { get; init; }
    public bool HasSakip { get; init; }
    public bool HasIkm { get; init; }
    public bool HasSample { get; init; }

    /// <summary>Indicators with a value for quarter 1-4.</summary>
    public int Filled(int quarter) => quarter switch { 1 => Q1, 2 => Q2, 3 => Q3, 4 => Q4, _ => 0 };
}

public sealed class RealisationStatusReadModel(NpgsqlDataSource dataSource)
{
    private const string StatusSql = """
        with cur as (
            select distinct a.agency_id, t.indicator_id
            from agreement_current a
            join fact_indicator_target t on t.agreement_id = a.agreement_id
            where a.year = @Year
        ), filled as (
            select cur.agency_id,
                   count(*) filter (where r.quarter = 1) as q1, count(*) filter (where r.quarter = 2) as q2,
                   count(*) filter (where r.quarter = 3) as q3, count(*) filter (where r.quarter = 4) as q4,
                   bool_or(r.is_sample) as is_sample
            from cur join fact_indicator_realisation r on r.indicator_id = cur.indicator_id and r.year = @Year
            group by cur.agency_id
        )
        select g.agency_id as AgencyId, g.name as Name,
               (select count(*)::int from cur where cur.agency_id = g.agency_id) as Indicators,
               coalesce(f.q1, 0)::int as Q1, coalesce(f.q2, 0)::int as Q2, coalesce(f.q3, 0)::int as Q3, coalesce(f.q4, 0)::int as Q4,
               (select count(distinct b.month)::int from fact_budget_realisation b where b.agency_id = g.agency_id and b.year = @Year) as BudgetMonths,
               exists (select 1 from fact_sakip_evaluation s where s.agency_id = g.agency_id and s.year = @Year) as HasSakip,
               exists (select 1 from fact_ikm_survey k where k.agency_id = g.agency_id and k.year = @Year) as HasIkm,
               coalesce(f.is_sample, false)
                 or exists (select 1 from fact_budget_realisation b where b.agency_id = g.agency_id and b.year = @Year and b.is_sample)
                 or exists (select 1 from fact_sakip_evaluation s where s.agency_id = g.agency_id and s.year = @Year and s.is_sample)
                 or exists (select 1 from fact_ikm_survey k where k.agency_id = g.agency_id and k.year = @Year and k.is_sample) as HasSample
        from dim_agency g
        left join filled f on f.agency_id = g.agency_id
        where (@ScopeAgencyId::int is null or g.agency_id = @ScopeAgencyId)
        order by g.name
        """;

    private const string YearsSql = """
        select distinct a.year from agreement a
        where a.year is not null and (@ScopeAgencyId::int is null or a.agency_id = @ScopeAgencyId)
        order by a.year desc
        """;

    public async Task<IReadOnlyList<RealisationStatus>> StatusAsync(ViewerScope scope, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<RealisationStatus>(new CommandDefinition(StatusSql,
            new { Year = year, ScopeAgencyId = scope.AgencyId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Years with agreements in scope, latest first.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(ViewerScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<int>(new CommandDefinition(YearsSql,
            new { ScopeAgencyId = scope.AgencyId }, cancellationToken: cancellationToken))).AsList();
    }
}
