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
    public int IndicatorsWithCapaian { get; init; }
    public decimal? CapaianSum { get; init; }
    public bool IndicatorIsSample { get; init; }
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
    public DateTime? LastRealisationAt { get; init; }

    internal const string Sql = """
        with d as (
            select agency_id, name from dim_agency
            where (@ScopeAgencyId::int is null or agency_id = @ScopeAgencyId)
              and (@AgencyIds::int[] is null or agency_id = any(@AgencyIds))
        ),
        se as (
            select agency_id, perencanaan, pengukuran, pelaporan, evaluasi, is_sample
            from fact_sakip_evaluation
            where year = @Year and (@ScopeAgencyId::int is null or agency_id = @ScopeAgencyId)
              and (@AgencyIds::int[] is null or agency_id = any(@AgencyIds))
        ),
        ikm as (
            -- The latest period of the year (the whole year, else the latest quarter), averaged over service units.
            select agency_id, avg(ikm_value) as ikm_value, sum(respondents)::int as respondents,
                   count(*)::int as units, bool_or(is_sample) as is_sample
            from (
                select s.*, rank() over (partition by agency_id order by (quarter is null) desc, quarter desc) as rk
                from fact_ikm_survey s
                where year = @Year and (@ScopeAgencyId::int is null or agency_id = @ScopeAgencyId)
                  and (@AgencyIds::int[] is null or agency_id = any(@AgencyIds))
            ) latest
            where rk = 1
            group by agency_id
        )
        select d.agency_id as AgencyId, d.name as Name,
               coalesce(ay.agreements, 0) as Agreements, coalesce(ay.indicators, 0) as Indicators,
               coalesce(ay.with_capaian, 0) as IndicatorsWithCapaian, ay.capaian_sum as CapaianSum,
               coalesce(ay.indicator_is_sample, false) as IndicatorIsSample,
               coalesce(ay.budget, 0) as Budget, coalesce(ay.budget_realised, 0) as BudgetRealised,
               coalesce(ay.budget_is_sample, false) as BudgetRealisedIsSample,
               ay.sakip_target as SakipTarget,
               se.perencanaan as SakipPerencanaan, se.pengukuran as SakipPengukuran,
               se.pelaporan as SakipPelaporan, se.evaluasi as SakipEvaluasi,
               coalesce(se.is_sample, false) as SakipIsSample,
               ay.ikm_target as IkmTarget, ikm.ikm_value as IkmValue, ikm.respondents as IkmRespondents,
               coalesce(ikm.units, 0) as IkmUnits, coalesce(ikm.is_sample, false) as IkmIsSample,
               ay.last_realisation_at as LastRealisationAt
        from d
        left join rm_agency_year ay on ay.year = @Year and ay.agency_id = d.agency_id
        left join se on se.agency_id = d.agency_id
        left join ikm on ikm.agency_id = d.agency_id
        order by d.name;
        """;
}

/// <summary>How many of an agency's indicators fall in a capaian band in a year (bands from the Domain rules).</summary>
public sealed class AgencyBandRow
{
    public int AgencyId { get; init; }
    public string Band { get; init; } = "";
    public int Count { get; init; }

    internal const string Sql = """
        select agency_id as AgencyId, band as Band, indicators as Count
        from rm_agency_band
        where year = @Year
          and (@ScopeAgencyId::int is null or agency_id = @ScopeAgencyId)
          and (@AgencyIds::int[] is null or agency_id = any(@AgencyIds));
        """;
}

/// <summary>
/// Budget of one agency for one (conformed) program in a year, with what was realised against it; AgencyId 0 when
/// read for all agencies together (the overview needs only the regency's program totals).
/// </summary>
public sealed class ProgramBudgetRow
{
    public int AgencyId { get; init; }
    public int ProgramId { get; init; }
    public string Program { get; init; } = "";
    public decimal Amount { get; init; }
    public decimal Realised { get; init; }

    internal const string Sql = """
        select case when @ByAgency then b.agency_id else 0 end as AgencyId, p.program_id as ProgramId, p.name as Program,
               sum(b.amount) as Amount, sum(b.realised) as Realised
        from rm_agency_program_year b
        join dim_program p on p.program_id = b.program_id
        where b.year = @Year
          and (@ScopeAgencyId::int is null or b.agency_id = @ScopeAgencyId)
          and (@AgencyIds::int[] is null or b.agency_id = any(@AgencyIds))
        group by 1, 2, 3;
        """;
}

/// <summary>One indicator's yearly target and its realisation per quarter: the input of the capaian rules.</summary>
public sealed class CapaianInputRow
{
    public int Year { get; init; }
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

    public IReadOnlyList<decimal?> Quarters => [Q1, Q2, Q3, Q4];
}

/// <summary>When data last arrived: documents loaded, realisation entered.</summary>
public sealed class DataFreshness
{
    public DateTime? LastDocumentLoadedAt { get; init; }
    public int Documents { get; init; }
    public int Findings { get; init; }
    public DateTime? ReadModelRefreshedAt { get; init; }

    internal const string Sql = """
        select max(last_loaded_at) as LastDocumentLoadedAt, coalesce(sum(documents), 0)::int as Documents,
               coalesce(sum(findings), 0)::int as Findings,
               (select refreshed_at from rm_state where name = 'dashboard') as ReadModelRefreshedAt
        from rm_agency_document
        where @ScopeAgencyId::int is null or agency_id = @ScopeAgencyId;
        """;
}

/// <summary>A year with data, how many agencies have data in it and how many have agreements.</summary>
public sealed class YearWithData
{
    public int Year { get; init; }
    public int Agencies { get; init; }
    public int AgenciesWithAgreements { get; init; }

    /// <summary>
    /// The year every page opens on: the latest year with agreements in the viewer's scope (the latest year with
    /// any data when none has agreements); <paramref name="fallback"/> without data.
    /// </summary>
    public static int Default(IReadOnlyList<YearWithData> years, int fallback) =>
        years.Where(y => y.AgenciesWithAgreements > 0).Select(y => (int?)y.Year).Max()
        ?? years.Select(y => (int?)y.Year).Max()
        ?? fallback;
}

/// <summary>Everything the overview and comparison pages show for one year, read in one round trip.</summary>
public sealed record PerformanceSnapshot(
    int Year,
    IReadOnlyList<AgencyYearRow> Agencies,
    IReadOnlyList<ProgramBudgetRow> Programs,
    IReadOnlyList<AgencyBandRow> Bands,
    DataFreshness Freshness);

/// <summary>
/// Reads a <see cref="PerformanceSnapshot"/> from the dashboard read model (rm_* tables, rebuilt by
/// <see cref="DashboardReadModelRefresher"/>) and the small evaluation facts: four queries in one round trip,
/// whatever the number of agencies.
/// </summary>
public sealed class PerformanceReadModel(NpgsqlDataSource dataSource)
{
    private const string YearsSql = """
        select year as Year, count(*)::int as Agencies, (count(*) filter (where agreements > 0))::int as AgenciesWithAgreements
        from rm_agency_year
        where @ScopeAgencyId::int is null or agency_id = @ScopeAgencyId
        group by year order by year desc
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
    /// (the comparison); agencies outside the scope are never returned. Without <paramref name="programsByAgency"/>
    /// the program budgets come summed over the agencies (the overview), not per agency (the comparison's table).
    /// </summary>
    public async Task<PerformanceSnapshot> ReadAsync(
        ViewerScope scope, int year, IReadOnlyCollection<int>? agencyIds = null, CancellationToken cancellationToken = default,
        bool programsByAgency = true)
    {
        var parameters = new
        {
            ScopeAgencyId = scope.AgencyId,
            Year = year,
            AgencyIds = agencyIds is { Count: > 0 } ? agencyIds.ToArray() : null,
            ByAgency = programsByAgency,
        };
        const string sql = AgencyYearRow.Sql + "\n" + ProgramBudgetRow.Sql + "\n" + AgencyBandRow.Sql + "\n" + DataFreshness.Sql;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            sql, parameters, cancellationToken: cancellationToken));
        var agencies = (await grid.ReadAsync<AgencyYearRow>()).AsList();
        var programs = (await grid.ReadAsync<ProgramBudgetRow>()).AsList();
        var bands = (await grid.ReadAsync<AgencyBandRow>()).AsList();
        var freshness = await grid.ReadSingleAsync<DataFreshness>();
        return new PerformanceSnapshot(year, agencies, programs, bands, freshness);
    }
}
