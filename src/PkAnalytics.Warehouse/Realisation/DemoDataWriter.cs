using Dapper;
using Npgsql;
using PkAnalytics.Domain.Rules;

namespace PkAnalytics.Warehouse.Realisation;

public sealed record DemoDataSummary(int IndicatorValues, int BudgetValues, int SakipEvaluations, int IkmSurveys, int Agencies)
{
    public int Changed => IndicatorValues + BudgetValues + SakipEvaluations + IkmSurveys;
}

/// <summary>
/// Writes deterministic, plausible sample realisation (is_sample = true) for every loaded agency: indicator
/// realisation per quarter for the current agreements' indicators, monthly budget realisation for their budget
/// lines, SAKIP evaluations and IKM surveys. Values derive from a hash of stable names, so running it twice
/// changes nothing; rows entered by people (is_sample = false) are never overwritten. Only past quarters and
/// months of the current year are written.
/// </summary>
public sealed class DemoDataWriter(NpgsqlDataSource dataSource, TimeProvider? timeProvider = null)
{
    private const string IndicatorsSql = """
        select distinct on (i.indicator_id, a.year)
               i.indicator_id as IndicatorId, i.agency_id as AgencyId, g.name as AgencyName, i.name as Name, a.year as Year,
               i.category as Category,
               coalesce(nullif(i.unit, ''), t.target_unit) as Unit, i.polarity as Polarity, i.aggregation as Aggregation,
               t.target_value as TargetValue
        from agreement_current a
        join fact_indicator_target t on t.agreement_id = a.agreement_id
        join dim_indicator i on i.indicator_id = t.indicator_id
        join dim_agency g on g.agency_id = i.agency_id
        left join dim_position p on p.position_id = a.position_id
        where a.year is not null and t.target_value is not null
        order by i.indicator_id, a.year,
                 case p.level when 'bupati' then 0 when 'eselon_ii' then 1 when 'eselon_iii' then 2
                              when 'eselon_iv' then 3 when 'staff' then 4 else 5 end, a.agreement_id desc
        """;

    private sealed record IndicatorRow(int IndicatorId, int AgencyId, string AgencyName, string Name, int Year, string Category, string? Unit, string Polarity, string Aggregation, decimal TargetValue);

    private const string IndicatorUpsertSql = """
        insert into fact_indicator_realisation (indicator_id, year, quarter, value, note, is_sample, entered_by)
        values (@IndicatorId, @Year, @Quarter, @Value, null, true, 'demo-data')
        on conflict (indicator_id, year, quarter) do update set value = excluded.value, entered_at = now()
            where fact_indicator_realisation.is_sample and fact_indicator_realisation.value is distinct from excluded.value
        """;

    // The agency's budget lines (a line restated by a subordinate's agreement is one line: program_line), under
    // the programs its budget counts (agency_program_budget), at the deepest level listed under each program: the
    // level agency_program_realisation adds up, so every line is realised once and no level twice.
    private const string BudgetSql = """
        with alloc as (
            select a.agency_id, g.name as agency_name, a.year, l.line_program_id as program_id, p.name, p.level,
                   r.root_program_id, max(f.amount) as amount
            from agreement_current a
            join fact_budget_allocation f on f.agreement_id = a.agreement_id
            join program_line l on l.program_id = f.program_id
            join dim_program p on p.program_id = l.line_program_id
            join program_root r on r.program_id = l.line_program_id
            join dim_agency g on g.agency_id = a.agency_id
            where a.year is not null and a.agency_id is not null
            group by a.agency_id, g.name, a.year, l.line_program_id, p.name, p.level, r.root_program_id
        ), depth as (
            select agency_id, year, root_program_id,
                   max(case level when 'program' then 1 when 'kegiatan' then 2 else 3 end) as deepest
            from alloc group by agency_id, year, root_program_id
        )
        select alloc.agency_id as AgencyId, alloc.agency_name as AgencyName, alloc.year as Year,
               alloc.program_id as ProgramId, alloc.name as Name, alloc.amount as Amount
        from alloc
        join depth using (agency_id, year, root_program_id)
        join agency_program_budget b on b.agency_id = alloc.agency_id and b.year = alloc.year and b.program_id = alloc.root_program_id
        where case alloc.level when 'program' then 1 when 'kegiatan' then 2 else 3 end = depth.deepest
        order by 1, 3, 4
        """;

    private sealed record BudgetRow(int AgencyId, string AgencyName, int Year, int ProgramId, string Name, decimal Amount);

    private const string BudgetUpsertSql = """
        insert into fact_budget_realisation (agency_id, program_id, year, month, amount, is_sample, entered_by)
        values (@AgencyId, @ProgramId, @Year, @Month, @Amount, true, 'demo-data')
        on conflict (agency_id, program_id, year, month) do update set amount = excluded.amount, entered_at = now()
            where fact_budget_realisation.is_sample and fact_budget_realisation.amount is distinct from excluded.amount
        """;

    // Sample evaluations and surveys only for the years the agency has agreements for (no SAKIP of a year it
    // signed nothing in).
    private const string AgencyYearsSql = """
        select g.agency_id as AgencyId, g.name as Name, array_agg(distinct a.year order by a.year) as Years
        from dim_agency g join agreement a on a.agency_id = g.agency_id
        where a.year is not null
        group by g.agency_id, g.name
        """;

    private sealed class AgencyYears
    {
        public int AgencyId { get; init; }
        public string Name { get; init; } = "";
        public int[] Years { get; init; } = [];
    }

    private const string SakipUpsertSql = """
        insert into fact_sakip_evaluation (agency_id, year, perencanaan, pengukuran, pelaporan, evaluasi, is_sample, entered_by)
        values (@AgencyId, @Year, @Perencanaan, @Pengukuran, @Pelaporan, @Evaluasi, true, 'demo-data')
        on conflict (agency_id, year) do update
            set perencanaan = excluded.perencanaan, pengukuran = excluded.pengukuran, pelaporan = excluded.pelaporan,
                evaluasi = excluded.evaluasi, entered_at = now()
            where fact_sakip_evaluation.is_sample
              and (fact_sakip_evaluation.perencanaan, fact_sakip_evaluation.pengukuran, fact_sakip_evaluation.pelaporan, fact_sakip_evaluation.evaluasi)
                  is distinct from (excluded.perencanaan, excluded.pengukuran, excluded.pelaporan, excluded.evaluasi)
        """;

    private const string IkmUpsertSql = """
        insert into fact_ikm_survey (agency_id, unit_name, year, quarter, respondents, nrr, ikm_value, is_sample, entered_by)
        values (@AgencyId, '', @Year, null, @Respondents, @Nrr, @IkmValue, true, 'demo-data')
        on conflict (agency_id, unit_name, year, quarter) do update
            set respondents = excluded.respondents, nrr = excluded.nrr, ikm_value = excluded.ikm_value, entered_at = now()
            where fact_ikm_survey.is_sample
              and (fact_ikm_survey.respondents, fact_ikm_survey.nrr, fact_ikm_survey.ikm_value)
                  is distinct from (excluded.respondents, excluded.nrr, excluded.ikm_value)
        """;

    private static readonly decimal[] QuarterShares = [0.20m, 0.25m, 0.25m, 0.30m];
    private static readonly decimal[] QuarterProgress = [0.85m, 0.90m, 0.95m, 1.00m];
    private static readonly int[] MonthWeights = [3, 5, 6, 7, 8, 8, 9, 9, 10, 10, 11, 14];

    public async Task<DemoDataSummary> WriteAsync(CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime((timeProvider ?? TimeProvider.System).GetUtcNow().UtcDateTime.AddHours(8));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var budgetValues = 0;
        var budgetKeys = new List<(int Agency, int Program, int Year, int Month)>();
        foreach (var line in await connection.QueryAsync<BudgetRow>(new CommandDefinition(BudgetSql, transaction: transaction, cancellationToken: cancellationToken)))
        {
            var absorption = 0.78m + 0.20m * Unit($"budget|{line.AgencyName}|{line.Name}|{line.Year}");
            for (var m = 1; m <= 12; m++)
            {
                if (new DateOnly(line.Year, m, 1).AddMonths(1) > today)
                {
                    break;
                }

                var amount = Math.Round(line.Amount * absorption * MonthWeights[m - 1] / 100m, 0, MidpointRounding.AwayFromZero);
                budgetKeys.Add((line.AgencyId, line.ProgramId, line.Year, m));
                budgetValues += await connection.ExecuteAsync(new CommandDefinition(BudgetUpsertSql,
                    new { line.AgencyId, line.ProgramId, line.Year, Month = m, Amount = amount }, transaction, cancellationToken: cancellationToken));
            }
        }

        var sakip = 0;
        var ikm = 0;
        var sakipTotals = new Dictionary<(int, int), decimal>();
        var ikmValues = new Dictionary<(int, int), decimal>();
        var agencies = (await connection.QueryAsync<AgencyYears>(new CommandDefinition(AgencyYearsSql, transaction: transaction, cancellationToken: cancellationToken))).ToList();
        foreach (var agency in agencies)
        {
            var quality = 0.60m + 0.26m * Unit($"sakip|{agency.Name}");
            var firstYear = agency.Years.Min();
            foreach (var year in agency.Years)
            {
                var level = Math.Min(0.97m, quality + 0.02m * (year - firstYear + 2));
                decimal Component(decimal max, string name) =>
                    Math.Round(max * Math.Clamp(level + 0.08m * (Unit($"sakip|{agency.Name}|{year}|{name}") - 0.5m), 0.2m, 1m), 2, MidpointRounding.AwayFromZero);
                var score = new SakipScore(
                    Component(SakipScore.MaxPerencanaan, "perencanaan"), Component(SakipScore.MaxPengukuran, "pengukuran"),
                    Component(SakipScore.MaxPelaporan, "pelaporan"), Component(SakipScore.MaxEvaluasi, "evaluasi"));
                sakipTotals[(agency.AgencyId, year)] = score.Total;
                sakip += await connection.ExecuteAsync(new CommandDefinition(SakipUpsertSql, new
                {
                    agency.AgencyId, Year = year, score.Perencanaan, score.Pengukuran, score.Pelaporan, score.Evaluasi,
                }, transaction, cancellationToken: cancellationToken));

                var nrr = Enumerable.Range(0, IkmElements.Count)
                    .Select(e => Math.Round(2.75m + 0.95m * Unit($"ikm|{agency.Name}|{year}|{e}"), 3, MidpointRounding.AwayFromZero))
                    .ToArray();
                var respondents = 60 + (int)(140 * Unit($"ikm|{agency.Name}|{year}|n"));
                var result = Ikm.FromElementAverages(nrr, respondents);
                ikmValues[(agency.AgencyId, year)] = result.ValueRounded;
                ikm += await connection.ExecuteAsync(new CommandDefinition(IkmUpsertSql, new
                {
                    agency.AgencyId, Year = year, Respondents = respondents, Nrr = nrr, IkmValue = result.ValueRounded,
                }, transaction, cancellationToken: cancellationToken));
            }
        }

        // SAKIP and IKM indicators report the year's evaluation / survey result (in TW IV), the others per quarter.
        var indicatorValues = 0;
        var indicatorKeys = new List<(int Id, int Year, int Quarter)>();
        foreach (var row in await connection.QueryAsync<IndicatorRow>(new CommandDefinition(IndicatorsSql, transaction: transaction, cancellationToken: cancellationToken)))
        {
            for (var q = 1; q <= 4; q++)
            {
                if (new DateOnly(row.Year, q * 3, 1).AddMonths(1) > today)
                {
                    break;
                }

                decimal? value = row.Category switch
                {
                    "sakip" => q == 4 && sakipTotals.TryGetValue((row.AgencyId, row.Year), out var total) ? total : null,
                    "ikm" when UnitValidation.Classify(row.Unit) is UnitKind.Percent or UnitKind.IkmValue or UnitKind.Any =>
                        q == 4 && ikmValues.TryGetValue((row.AgencyId, row.Year), out var ikmValue) ? ikmValue : null,
                    _ => IndicatorValue(row, q),
                };
                if (value is null)
                {
                    continue;
                }

                indicatorKeys.Add((row.IndicatorId, row.Year, q));

                indicatorValues += await connection.ExecuteAsync(new CommandDefinition(IndicatorUpsertSql,
                    new { row.IndicatorId, row.Year, Quarter = q, Value = value }, transaction, cancellationToken: cancellationToken));
            }
        }

        // Sample rows an earlier version of this generator wrote and this one does not: removed (never real rows).
        budgetValues += await connection.ExecuteAsync(new CommandDefinition("""
            delete from fact_budget_realisation r
            where r.is_sample and not exists (
                select 1 from unnest(@Agencies, @Programs, @Years, @Months) k(agency_id, program_id, year, month)
                where k.agency_id = r.agency_id and k.program_id = r.program_id and k.year = r.year and k.month = r.month)
            """, new
        {
            Agencies = budgetKeys.Select(k => k.Agency).ToArray(),
            Programs = budgetKeys.Select(k => k.Program).ToArray(),
            Years = budgetKeys.Select(k => k.Year).ToArray(),
            Months = budgetKeys.Select(k => k.Month).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        var evaluated = agencies.SelectMany(a => a.Years.Select(y => (a.AgencyId, Year: y))).ToList();
        var evaluationParameters = new
        {
            Agencies = evaluated.Select(k => k.AgencyId).ToArray(),
            Years = evaluated.Select(k => k.Year).ToArray(),
        };
        sakip += await connection.ExecuteAsync(new CommandDefinition("""
            delete from fact_sakip_evaluation e
            where e.is_sample and not exists (
                select 1 from unnest(@Agencies, @Years) k(agency_id, year) where k.agency_id = e.agency_id and k.year = e.year)
            """, evaluationParameters, transaction, cancellationToken: cancellationToken));
        ikm += await connection.ExecuteAsync(new CommandDefinition("""
            delete from fact_ikm_survey s
            where s.is_sample and not exists (
                select 1 from unnest(@Agencies, @Years) k(agency_id, year) where k.agency_id = s.agency_id and k.year = s.year)
            """, evaluationParameters, transaction, cancellationToken: cancellationToken));

        indicatorValues += await connection.ExecuteAsync(new CommandDefinition("""
            delete from fact_indicator_realisation r
            where r.is_sample and not exists (
                select 1 from unnest(@Ids, @Years, @Quarters) k(id, year, quarter)
                where k.id = r.indicator_id and k.year = r.year and k.quarter = r.quarter)
            """, new
        {
            Ids = indicatorKeys.Select(k => k.Id).ToArray(),
            Years = indicatorKeys.Select(k => k.Year).ToArray(),
            Quarters = indicatorKeys.Select(k => k.Quarter).ToArray(),
        }, transaction, cancellationToken: cancellationToken));

        await transaction.CommitAsync(cancellationToken);
        return new DemoDataSummary(indicatorValues, budgetValues, sakip, ikm, agencies.Count);
    }

    private static decimal IndicatorValue(IndicatorRow row, int quarter)
    {
        var kind = UnitValidation.Classify(row.Unit);
        var target = row.TargetValue;
        var performance = 0.72m + 0.36m * Unit($"ind|{row.AgencyName}|{row.Name}|{row.Year}");
        var lowerIsBetter = row.Polarity == "lower_is_better";
        var yearly = lowerIsBetter ? target * (2m - performance) : target * performance;
        if (target == 0m)
        {
            yearly = lowerIsBetter ? Math.Round(2m * Unit($"zero|{row.Name}|{row.Year}"), 0) : 0m;
        }

        var value = row.Aggregation == "kumulatif"
            ? yearly * QuarterShares[quarter - 1]
            : yearly * QuarterProgress[quarter - 1];
        value = Math.Max(0m, value);
        value = kind switch
        {
            UnitKind.Percent => Math.Min(100m, Math.Round(value, 2, MidpointRounding.AwayFromZero)),
            UnitKind.Count => Math.Round(value, 0, MidpointRounding.AwayFromZero),
            UnitKind.SakipScore => Math.Min(100m, Math.Round(value, 2, MidpointRounding.AwayFromZero)),
            UnitKind.IkmValue => Math.Clamp(Math.Round(value, 2, MidpointRounding.AwayFromZero), 25m, 100m),
            _ when WholeCount(row) => Math.Round(value, 0, MidpointRounding.AwayFromZero),
            _ => Math.Round(value, 2, MidpointRounding.AwayFromZero),
        };
        return value;
    }

    /// <summary>A unit that is no score ("OPD", "Kelompok Tani") with a whole-number target: realisation counts too.</summary>
    private static bool WholeCount(IndicatorRow row)
    {
        var unit = (row.Unit ?? "").ToLowerInvariant();
        return unit.Length > 0 && row.TargetValue == decimal.Truncate(row.TargetValue) &&
               !new[] { "nilai", "indeks", "index", "skor", "poin", "rasio", "rp", "rupiah", "tahun", "hari", "jam", "bulan", "menit" }.Any(unit.Contains);
    }

    /// <summary>A stable number in [0, 1) from a string (FNV-1a), the same on every machine and run.</summary>
    internal static decimal Unit(string key)
    {
        var hash = 2166136261u;
        foreach (var ch in key)
        {
            hash ^= ch;
            hash *= 16777619u;
        }

        hash ^= hash >> 13;
        hash *= 0x5bd1e995u;
        hash ^= hash >> 15;
        return (hash % 100000u) / 100000m;
    }
}
