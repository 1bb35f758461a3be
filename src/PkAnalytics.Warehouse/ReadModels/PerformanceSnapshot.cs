using Dapper;
using Npgsql;

namespace PkAnalytics.Warehouse.ReadModels;

/// <summary>
/// One agency's figures for a year: the rows the overview and the comparison are built from. Every agency in the
/// scope has a row, also one without an agreement that year (so a missing agreement is visible, not hidden).
/// </summary>
public sealed class AgencyYearRow
{
    public int AgencyId { get; init; }
    public string Name { get; init; } = "";
    public int Agreements { get; init; }
    public int Indicators { get; init; }
    public decimal Budget { get; init; }
    public decimal BudgetRealised { get; init; }
    public bool BudgetRealisedIsSample { get; init; }
    public decimal? SakipTarget { get; init; }
    public decimal? SakipPerencanaan { get; init; }
    public decimal? SakipPengukuran { get; init; }
    public decimal? SakipPelaporan { get; init; }
    public decimal? SakipEvaluasi { get; init; }
    public bool SakipIsSample { get; init; }
    public decimal? IkmTarget { get; init; }
    public decimal? IkmValue { get; init; }
    public int? IkmRespondents { get; init; }
    public int IkmUnits { get; init; }
    public bool IkmIsSample { get; init; }
    public int Findings { get; init; }

    internal const string Sql = """
        with ag as (
            select agency_id, count(*)::int as agreements
            from agreement_current
            where year = @Year and agency_id is not null
            group by agency_id
        ),
        ind as (
            select agency_id, count(*)::int as indicators
            from indicator_target_effective where year = @Year group by agency_id
        ),
        bud as (
            select agency_id, sum(amount) as budget from agency_program_budget where year = @Year group by agency_id
        ),
        brl as (
            -- realisation of the programs in the budget (what the budget is compared with)
            select r.agency_id, sum(r.amount) as realised, bool_or(r.is_sample) as is_sample
            from agency_program_realisation r
            join agency_program_budget b on b.agency_id = r.agency_id and b.year = r.year and b.program_id = r.program_id
            where r.year = @Year group by r.agency_id
        ),
        st as (
            select distinct on (agency_id) agency_id, target_value
            from indicator_target_effective
            where year = @Year and category = 'sakip' and target_value is not null
            order by agency_id, level_rank, indicator_id
        ),
        it as (
            select distinct on (agency_id) agency_id, target_value
            from indicator_target_effective
            where year = @Year and category = 'ikm' and target_value is not null
            order by agency_id, level_rank, indicator_id
        ),
        se as (
            select agency_id, perencanaan, pengukuran, pelaporan, evaluasi, is_sample
            from fact_sakip_evaluation where year = @Year
        ),
        ikm as (
            -- The latest period of the year (the whole year, else the latest quarter), averaged over service units.
            select agency_id, avg(ikm_value) as ikm_value, sum(respondents)::int as respondents,
                   count(*)::int as units, bool_or(is_sample) as is_sample
            from (
                select s.*, rank() over (partition by agency_id order by (quarter is null) desc, quarter desc) as rk
                from fact_ikm_survey s where year = @Year
            ) latest
            where rk = 1
            group by agency_id
        ),
        fd as (
            select d.agency_id, count(*)::int as findings
            from finding f join dim_document d on d.document_id = f.document_id
            where d.agency_id is not null
            group by d.agency_id
        )
        select d.agency_id as AgencyId, d.name as Name,
               coalesce(ag.agreements, 0) as Agreements, coalesce(ind.indicators, 0) as Indicators,
               coalesce(bud.budget, 0) as Budget, coalesce(brl.realised, 0) as BudgetRealised,
               coalesce(brl.is_sample, false) as BudgetRealisedIsSample,
               st.target_value as SakipTarget,
               se.perencanaan as SakipPerencanaan, se.pengukuran as SakipPengukuran,
               se.pelaporan as SakipPelaporan, se.evaluasi as SakipEvaluasi,
               coalesce(se.is_sample, false) as SakipIsSample,
               it.target_value as IkmTarget, ikm.ikm_value as IkmValue, ikm.respondents as IkmRespondents,
               coalesce(ikm.units, 0) as IkmUnits, coalesce(ikm.is_sample, false) as IkmIsSample,
               coalesce(fd.findings, 0) as Findings
        from dim_agency d
        left join ag on ag.agency_id = d.agency_id
        left join ind on ind.agency_id = d.agency_id
        left join bud on bud.agency_id = d.agency_id
        left join brl on brl.agency_id = d.agency_id
        left join st on st.agency_id = d.agency_id
        left join it on it.agency_id = d.agency_id
        left join se on se.agency_id = d.agency_id
        left join ikm on ikm.agency_id = d.agency_id
        left join fd on fd.agency_id = d.agency_id
        where (@ScopeAgencyId::int is null or d.agency_id = @ScopeAgencyId)
          and (@AgencyIds::int[] is null or d.agency_id = any(@AgencyIds))
        order by d.name;
        """;
}

/// <summary>Budget of one agency for one (conformed) program in a year, with what was realised against it.</summary>
public sealed class ProgramBudgetRow
{
    public int AgencyId { get; init; }
    public int ProgramId { get; init; }
    public string Program { get; init; } = "";
    public decimal Amount { get; init; }
    public decimal Realised { get; init; }

    internal const string Sql = """
        select b.agency_id as AgencyId, p.program_id as ProgramId, p.name as Program,
               b.amount as Amount, coalesce(r.amount, 0) as Realised
        from agency_program_budget b
        left join agency_program_realisation r
               on r.agency_id = b.agency_id and r.year = b.year and r.program_id = b.program_id
        join dim_program p on p.program_id = b.program_id
        where b.year = @Year
          and (@ScopeAgencyId::int is null or b.agency_id = @ScopeAgencyId)
          and (@AgencyIds::int[] is null or b.agency_id = any(@AgencyIds))
        order by p.name, 1;
        """;
}

/// <summary>One indicator's yearly target and its realisation per quarter: the input of the capaian rules.</summary>
public sealed class CapaianInputRow
{
    public int AgencyId { get; init; }
    public int IndicatorId { get; init; }
    public string Indicator { get; init; } = "";
    public string Polarity { get; init; } = "higher_is_better";
    public string Aggregation { get; init; } = "nilai_akhir";
    public string Category { get; init; } = "other";
    public decimal? Target { get; init; }
    public decimal? Q1 { get; init; }
    public decimal? Q2 { get; init; }
    public decimal? Q3 { get; init; }
    public decimal? Q4 { get; init; }
    public bool IsSample { get; init; }

    internal const string Sql = """
        select t.agency_id as AgencyId, t.indicator_id as IndicatorId, t.indicator as Indicator,
               t.polarity as Polarity, t.aggregation as Aggregation, t.category as Category,
               t.target_value as Target, r.q1 as Q1, r.q2 as Q2, r.q3 as Q3, r.q4 as Q4,
               coalesce(r.is_sample, false) as IsSample
        from indicator_target_effective t
        left join (
            select indicator_id,
                   max(value) filter (where quarter = 1) as q1, max(value) filter (where quarter = 2) as q2,
                   max(value) filter (where quarter = 3) as q3, max(value) filter (where quarter = 4) as q4,
                   bool_or(is_sample) as is_sample
            from fact_indicator_realisation
            where year = @Year
            group by indicator_id
        ) r on r.indicator_id = t.indicator_id
        where t.year = @Year
          and (@ScopeAgencyId::int is null or t.agency_id = @ScopeAgencyId)
          and (@AgencyIds::int[] is null or t.agency_id = any(@AgencyIds));
        """;

    public IReadOnlyList<decimal?> Quarters => [Q1, Q2, Q3, Q4];
}

/// <summary>When data last arrived: documents loaded, realisation entered.</summary>
public sealed class DataFreshness
{
    public DateTime? LastDocumentLoadedAt { get; init; }
    public DateTime? LastRealisationAt { get; init; }
    public int Documents { get; init; }
    public int Findings { get; init; }

    internal const string Sql = """
        select (select max(loaded_at) from dim_document
                where @ScopeAgencyId::int is null or agency_id = @ScopeAgencyId) as LastDocumentLoadedAt,
               greatest(
                   (select max(entered_at) from fact_indicator_realisation r join dim_indicator i using (indicator_id)
                    where r.year = @Year and (@ScopeAgencyId::int is null or i.agency_id = @ScopeAgencyId)),
                   (select max(entered_at) from fact_budget_realisation
                    where year = @Year and (@ScopeAgencyId::int is null or agency_id = @ScopeAgencyId)),
                   (select max(entered_at) from fact_sakip_evaluation
                    where year = @Year and (@ScopeAgencyId::int is null or agency_id = @ScopeAgencyId)),
                   (select max(entered_at) from fact_ikm_survey
                    where year = @Year and (@ScopeAgencyId::int is null or agency_id = @ScopeAgencyId))) as LastRealisationAt,
               (select count(*)::int from dim_document
                where @ScopeAgencyId::int is null or agency_id = @ScopeAgencyId) as Documents,
               (select count(*)::int from finding f join dim_document d using (document_id)
                where @ScopeAgencyId::int is null or d.agency_id = @ScopeAgencyId) as Findings;
        """;
}

/// <summary>A year with data and how many agencies have data in it.</summary>
public sealed class YearWithData
{
    public int Year { get; init; }
    public int Agencies { get; init; }

    /// <summary>
    /// The year a page opens on: the one most agencies have data for (the latest of equals), so a few agencies
    /// loading next year's agreements early do not empty the regency view; <paramref name="fallback"/> without data.
    /// </summary>
    public static int Default(IReadOnlyList<YearWithData> years, int fallback) =>
        years.Count == 0 ? fallback : years.OrderByDescending(y => y.Agencies).ThenByDescending(y => y.Year).First().Year;
}

/// <summary>Everything the overview and comparison pages show for one year, read in one round trip.</summary>
public sealed record PerformanceSnapshot(
    int Year,
    IReadOnlyList<AgencyYearRow> Agencies,
    IReadOnlyList<ProgramBudgetRow> Programs,
    IReadOnlyList<CapaianInputRow> Indicators,
    DataFreshness Freshness);

/// <summary>Reads a <see cref="PerformanceSnapshot"/>: four queries in one round trip, whatever the number of agencies.</summary>
public sealed class PerformanceReadModel(NpgsqlDataSource dataSource)
{
    private const string YearsSql = """
        select year as Year, count(distinct agency_id)::int as Agencies from (
            select year, agency_id from agreement
            where year is not null and (@ScopeAgencyId::int is null or agency_id = @ScopeAgencyId)
            union all select year, agency_id from fact_sakip_evaluation where @ScopeAgencyId::int is null or agency_id = @ScopeAgencyId
            union all select year, agency_id from fact_ikm_survey where @ScopeAgencyId::int is null or agency_id = @ScopeAgencyId
        ) y group by year order by year desc
        """;

    /// <summary>Years with agreements or evaluations, latest first, with how many agencies have data in each.</summary>
    public async Task<IReadOnlyList<YearWithData>> YearsAsync(ViewerScope scope, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<YearWithData>(new CommandDefinition(
            YearsSql, new { ScopeAgencyId = scope.AgencyId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// The year's figures for every agency the viewer sees, or only <paramref name="agencyIds"/> when given
    /// (the comparison); agencies outside the scope are never returned.
    /// </summary>
    public async Task<PerformanceSnapshot> ReadAsync(
        ViewerScope scope, int year, IReadOnlyCollection<int>? agencyIds = null, CancellationToken cancellationToken = default)
    {
        var parameters = new
        {
            ScopeAgencyId = scope.AgencyId,
            Year = year,
            AgencyIds = agencyIds is { Count: > 0 } ? agencyIds.ToArray() : null,
        };
        const string sql = AgencyYearRow.Sql + "\n" + ProgramBudgetRow.Sql + "\n" + CapaianInputRow.Sql + "\n" + DataFreshness.Sql;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            sql, parameters, cancellationToken: cancellationToken));
        var agencies = (await grid.ReadAsync<AgencyYearRow>()).AsList();
        var programs = (await grid.ReadAsync<ProgramBudgetRow>()).AsList();
        var indicators = (await grid.ReadAsync<CapaianInputRow>()).AsList();
        var freshness = await grid.ReadSingleAsync<DataFreshness>();
        return new PerformanceSnapshot(year, agencies, programs, indicators, freshness);
    }
}
