using Dapper;
using Npgsql;

namespace PkAnalytics.Warehouse.ReadModels;

/// <summary>One agreement version of the agency: parties, dates, source, and whether it is the current one.</summary>
public sealed class AgreementRow
{
    public int AgreementId { get; init; }
    public string Kind { get; init; } = "original";
    public int? Year { get; init; }
    public DateOnly? EffectiveFrom { get; init; }
    public string? SignedOnText { get; init; }
    public string? Place { get; init; }
    public int? PositionId { get; init; }
    public string? Position { get; init; }
    public string Level { get; init; } = "unknown";
    public string? Official { get; init; }
    public int? SuperiorPositionId { get; init; }

    /// <summary>The second party's position as this agreement writes it ("Pjs. BUPATI LUWU TIMUR").</summary>
    public string? SuperiorPosition { get; init; }

    /// <summary>The second party's position as the warehouse conforms it (one title per position, any agreement's spelling).</summary>
    public string? SuperiorPositionTitle { get; init; }
    public string? SuperiorLevel { get; init; }
    public string? SuperiorOfficial { get; init; }
    public int DocumentId { get; init; }
    public string FileName { get; init; } = "";
    public int Line { get; init; }
    public bool IsCurrent { get; init; }

    internal const string Sql = """
        select g.agreement_id as AgreementId, g.kind as Kind, g.year as Year, g.effective_from as EffectiveFrom,
               g.signed_on_text as SignedOnText, g.place as Place,
               g.position_id as PositionId, coalesce(g.first_party_title, p.title) as Position,
               coalesce(p.level, 'unknown') as Level, coalesce(g.first_party_name, o.name) as Official,
               g.superior_position_id as SuperiorPositionId, coalesce(g.second_party_title, sp.title) as SuperiorPosition,
               sp.title as SuperiorPositionTitle, sp.level as SuperiorLevel,
               coalesce(g.second_party_name, so.name) as SuperiorOfficial,
               g.document_id as DocumentId, d.file_name as FileName, g.line as Line,
               (c.agreement_id is not null) as IsCurrent
        from agreement g
        join dim_document d on d.document_id = g.document_id
        left join dim_position p on p.position_id = g.position_id
        left join dim_official o on o.official_id = g.official_id
        left join dim_position sp on sp.position_id = g.superior_position_id
        left join dim_official so on so.official_id = g.superior_official_id
        left join (select agreement_id from agreement_current where year = @Year and agency_id = @AgencyId) c
               on c.agreement_id = g.agreement_id
        where g.agency_id = @AgencyId and g.year = @Year
        order by position_level_rank(p.level), p.title, g.effective_from nulls first, g.agreement_id;
        """;
}

/// <summary>An indicator row of an agreement's Lampiran 1 with its source line.</summary>
public sealed class AgreementIndicatorRow
{
    public int AgreementId { get; init; }
    public int Seq { get; init; }
    public int IndicatorId { get; init; }
    public string Indicator { get; init; } = "";
    public string? Unit { get; init; }
    public string Polarity { get; init; } = "higher_is_better";
    public string Aggregation { get; init; } = "nilai_akhir";
    public string Category { get; init; } = "other";
    public string Objective { get; init; } = "";
    public string TargetRaw { get; init; } = "";
    public decimal? TargetValue { get; init; }
    public string? TargetUnit { get; init; }
    public string FileName { get; init; } = "";
    public int Line { get; init; }

    internal const string Sql = """
        select t.agreement_id as AgreementId, t.seq as Seq, t.indicator_id as IndicatorId, i.name as Indicator,
               i.unit as Unit, i.polarity as Polarity, i.aggregation as Aggregation, i.category as Category,
               t.objective as Objective, t.target_raw as TargetRaw, t.target_value as TargetValue,
               t.target_unit as TargetUnit, d.file_name as FileName, t.line as Line
        from fact_indicator_target t
        join agreement g on g.agreement_id = t.agreement_id
        join dim_indicator i on i.indicator_id = t.indicator_id
        join dim_document d on d.document_id = t.document_id
        where g.agency_id = @AgencyId and g.year = @Year
        order by t.agreement_id, t.seq;
        """;
}

/// <summary>A realisation value of one indicator in one quarter.</summary>
public sealed class QuarterValueRow
{
    public int IndicatorId { get; init; }
    public int Quarter { get; init; }
    public decimal Value { get; init; }
    public bool IsSample { get; init; }

    internal const string Sql = """
        select r.indicator_id as IndicatorId, r.quarter as Quarter, r.value as Value, r.is_sample as IsSample
        from fact_indicator_realisation r
        join dim_indicator i on i.indicator_id = r.indicator_id
        where i.agency_id = @AgencyId and r.year = @Year
        order by 1, 2;
        """;
}

/// <summary>A budget line of an agreement's Lampiran 1 (document order) with its source line.</summary>
public sealed class BudgetLineRow
{
    public int AgreementId { get; init; }
    public int Seq { get; init; }
    public int ProgramId { get; init; }
    public string Level { get; init; } = "program";
    public string Name { get; init; } = "";
    public decimal Amount { get; init; }
    public string? FundingSource { get; init; }
    public decimal? Realised { get; init; }
    public string FileName { get; init; } = "";
    public int Line { get; init; }

    internal const string Sql = """
        select f.agreement_id as AgreementId, f.seq as Seq, f.program_id as ProgramId, f.level as Level,
               p.name as Name, f.amount as Amount, f.funding_source as FundingSource, r.realised as Realised,
               d.file_name as FileName, f.line as Line
        from fact_budget_allocation f
        join agreement g on g.agreement_id = f.agreement_id
        join dim_program p on p.program_id = f.program_id
        join dim_document d on d.document_id = f.document_id
        join program_line fl on fl.program_id = f.program_id
        left join (
            -- Per budget line (a line restated by a subordinate's agreement is the same line) and month once.
            select line_program_id, sum(amount) as realised from (
                select l.line_program_id, b.month, max(b.amount) as amount
                from fact_budget_realisation b join program_line l on l.program_id = b.program_id
                where b.agency_id = @AgencyId and b.year = @Year
                group by l.line_program_id, b.month
            ) months group by line_program_id
        ) r on r.line_program_id = fl.line_program_id
        where g.agency_id = @AgencyId and g.year = @Year
        order by f.agreement_id, f.seq;
        """;
}

/// <summary>A parser finding about one of the agency's documents.</summary>
public sealed class FindingRow
{
    public long FindingId { get; init; }
    public string Code { get; init; } = "";
    public string Severity { get; init; } = "info";
    public string Message { get; init; } = "";
    public int Line { get; init; }
    public int DocumentId { get; init; }
    public string FileName { get; init; } = "";
    public int? AgencyId { get; init; }
    public string? Agency { get; init; }
    public int? AgreementId { get; init; }
    public string? Position { get; init; }
}

/// <summary>The agency's SAKIP evaluation and IKM survey of the year, when entered.</summary>
public sealed class AgencyEvaluationRow
{
    public decimal? SakipPerencanaan { get; init; }
    public decimal? SakipPengukuran { get; init; }
    public decimal? SakipPelaporan { get; init; }
    public decimal? SakipEvaluasi { get; init; }
    public bool SakipIsSample { get; init; }
    public decimal? IkmValue { get; init; }
    public int? IkmRespondents { get; init; }
    public int IkmUnits { get; init; }
    public bool IkmIsSample { get; init; }

    internal const string Sql = """
        select se.perencanaan as SakipPerencanaan, se.pengukuran as SakipPengukuran, se.pelaporan as SakipPelaporan,
               se.evaluasi as SakipEvaluasi, coalesce(se.is_sample, false) as SakipIsSample,
               ikm.ikm_value as IkmValue, ikm.respondents as IkmRespondents, coalesce(ikm.units, 0) as IkmUnits,
               coalesce(ikm.is_sample, false) as IkmIsSample
        from (select 1) one
        left join fact_sakip_evaluation se on se.agency_id = @AgencyId and se.year = @Year
        left join (
            select avg(ikm_value) as ikm_value, sum(respondents)::int as respondents, count(*)::int as units,
                   bool_or(is_sample) as is_sample
            from (
                select s.*, rank() over (order by (quarter is null) desc, quarter desc) as rk
                from fact_ikm_survey s where agency_id = @AgencyId and year = @Year
            ) latest where rk = 1
            having count(*) > 0
        ) ikm on true;
        """;
}

/// <summary>Everything the Detail OPD page shows for one agency and year.</summary>
public sealed record AgencyDetail(
    int AgencyId,
    string Name,
    int Year,
    IReadOnlyList<int> Years,
    IReadOnlyList<AgreementRow> Agreements,
    IReadOnlyList<AgreementIndicatorRow> Indicators,
    IReadOnlyList<QuarterValueRow> Realisation,
    IReadOnlyList<BudgetLineRow> Budget,
    IReadOnlyList<FindingRow> Findings,
    AgencyEvaluationRow Evaluation,
    int FindingTotal)
{
    /// <summary>Whether <see cref="Findings"/> holds only the first findings (the read was given a limit).</summary>
    public bool FindingsCut => FindingTotal > Findings.Count;
}

/// <summary>Reads an <see cref="AgencyDetail"/> in one round trip (no query per agreement).</summary>
public sealed class AgencyDetailReadModel(NpgsqlDataSource dataSource)
{
    private const string HeaderSql = """
        select agency_id as AgencyId, name as Name from dim_agency
        where agency_id = @AgencyId and (@ScopeAgencyId::int is null or agency_id = @ScopeAgencyId);
        select distinct year from agreement where agency_id = @AgencyId and year is not null order by year desc;
        """;

    private const string FindingsSql = """
        select f.finding_id as FindingId, f.code as Code, f.severity as Severity, f.message as Message, f.line as Line,
               d.document_id as DocumentId, d.file_name as FileName, d.agency_id as AgencyId, null::text as Agency,
               f.agreement_id as AgreementId, p.title as Position
        from finding f
        join dim_document d on d.document_id = f.document_id
        left join agreement g on g.agreement_id = f.agreement_id
        left join dim_position p on p.position_id = g.position_id
        where d.agency_id = @AgencyId and (g.year is null or g.year = @Year)
        order by d.file_name, f.line, f.finding_id
        limit @FindingLimit::int;

        select count(*)::int
        from finding f
        join dim_document d on d.document_id = f.document_id
        left join agreement g on g.agreement_id = f.agreement_id
        where d.agency_id = @AgencyId and (g.year is null or g.year = @Year);
        """;

    private sealed class Header
    {
        public int AgencyId { get; init; }
        public string Name { get; init; } = "";
    }

    /// <summary>
    /// The agency's agreements, indicators, realisation, budget and findings for <paramref name="year"/> (the
    /// latest year with agreements when null); null when the agency does not exist or is outside the scope. With
    /// <paramref name="findingLimit"/> only the first findings (by file and line) are read, and
    /// <see cref="AgencyDetail.FindingTotal"/> still counts them all: an agency can have thousands.
    /// </summary>
    public async Task<AgencyDetail?> ReadAsync(
        ViewerScope scope, int agencyId, int? year, CancellationToken cancellationToken = default, int? findingLimit = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        Header? header;
        List<int> years;
        await using (var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            HeaderSql, new { AgencyId = agencyId, ScopeAgencyId = scope.AgencyId }, cancellationToken: cancellationToken)))
        {
            header = await grid.ReadSingleOrDefaultAsync<Header>();
            years = (await grid.ReadAsync<int>()).AsList();
        }

        if (header is null)
        {
            return null;
        }

        var chosenYear = year ?? (years.Count > 0 ? years[0] : DateTime.UtcNow.Year);
        const string sql = AgreementRow.Sql + "\n" + AgreementIndicatorRow.Sql + "\n" + QuarterValueRow.Sql + "\n" +
                           BudgetLineRow.Sql + "\n" + FindingsSql + "\n" + AgencyEvaluationRow.Sql;
        await using var data = await connection.QueryMultipleAsync(new CommandDefinition(
            sql, new { AgencyId = agencyId, Year = chosenYear, FindingLimit = findingLimit }, cancellationToken: cancellationToken));
        var agreements = (await data.ReadAsync<AgreementRow>()).AsList();
        var indicators = (await data.ReadAsync<AgreementIndicatorRow>()).AsList();
        var realisation = (await data.ReadAsync<QuarterValueRow>()).AsList();
        var budget = (await data.ReadAsync<BudgetLineRow>()).AsList();
        var findings = (await data.ReadAsync<FindingRow>()).AsList();
        var findingTotal = await data.ReadSingleAsync<int>();
        var evaluation = await data.ReadSingleAsync<AgencyEvaluationRow>();
        return new AgencyDetail(header.AgencyId, header.Name, chosenYear, years, agreements, indicators, realisation, budget, findings, evaluation, findingTotal);
    }
}
