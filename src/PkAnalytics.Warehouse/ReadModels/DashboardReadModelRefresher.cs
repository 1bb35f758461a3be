using System.Data;
using System.Diagnostics;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using PkAnalytics.Domain.Rules;

namespace PkAnalytics.Warehouse.ReadModels;

/// <summary>
/// Rebuilds the dashboard read model (rm_* tables, migration 0021) when what it is built from has changed:
/// capaian and band per indicator and year through the Domain rules, budget per agency, program and year, and the
/// per-agency counts. Changes are noticed through rm_change (appended by statement triggers, visible on commit)
/// and the contents of capaian_band. One process rebuilds at a time (advisory lock); the rebuild reads one
/// snapshot and replaces the tables in one transaction, so pages never see half of it.
/// </summary>
public sealed class DashboardReadModelRefresher(NpgsqlDataSource dataSource)
{
    private const long LockKey = 0x504B_524D_5245; // "PKRMRE"
    private string? lastBandSignature;

    /// <summary>How long the last rebuild by this instance took (zero before the first).</summary>
    public TimeSpan LastDuration { get; private set; }

    private const string BandSignatureSql = """
        select coalesce(md5(string_agg(effective_from::text || '|' || name || '|' || coalesce(min_inclusive::text, ''), ','
                                       order by effective_from, name)), '')
        from capaian_band
        """;

    private const string InputsSql = """
        select t.year as Year, t.agency_id as AgencyId, t.indicator_id as IndicatorId, t.indicator as Indicator,
               t.polarity as Polarity, t.aggregation as Aggregation, t.category as Category,
               t.target_value as Target, r.q1 as Q1, r.q2 as Q2, r.q3 as Q3, r.q4 as Q4,
               coalesce(r.is_sample, false) as IsSample
        from indicator_target_effective t
        left join (
            select indicator_id, year,
                   max(value) filter (where quarter = 1) as q1, max(value) filter (where quarter = 2) as q2,
                   max(value) filter (where quarter = 3) as q3, max(value) filter (where quarter = 4) as q4,
                   bool_or(is_sample) as is_sample
            from fact_indicator_realisation
            group by indicator_id, year
        ) r on r.indicator_id = t.indicator_id and r.year = t.year
        """;

    private const string RebuildSql = """
        delete from rm_agency_program_year;
        insert into rm_agency_program_year (year, agency_id, program_id, amount, realised, is_sample)
        select b.year, b.agency_id, b.program_id, b.amount, coalesce(r.amount, 0), coalesce(r.is_sample, false)
        from agency_program_budget b
        left join agency_program_realisation r on r.agency_id = b.agency_id and r.year = b.year and r.program_id = b.program_id;

        delete from rm_agency_year;
        insert into rm_agency_year (year, agency_id, agreements, sakip_target, ikm_target, last_realisation_at)
        with ag as (
            select year, agency_id, count(*)::int as agreements from agreement_current
            where year is not null and agency_id is not null group by year, agency_id
        ),
        st as (
            select distinct on (year, agency_id) year, agency_id, target_value from indicator_target_effective
            where category = 'sakip' and target_value is not null order by year, agency_id, level_rank, indicator_id
        ),
        it as (
            select distinct on (year, agency_id) year, agency_id, target_value from indicator_target_effective
            where category = 'ikm' and target_value is not null order by year, agency_id, level_rank, indicator_id
        ),
        lr as (
            select year, agency_id, max(at) as at from (
                select r.year, i.agency_id, max(r.entered_at) as at
                from fact_indicator_realisation r join dim_indicator i on i.indicator_id = r.indicator_id group by 1, 2
                union all select year, agency_id, max(entered_at) from fact_budget_realisation group by 1, 2
                union all select year, agency_id, max(entered_at) from fact_sakip_evaluation group by 1, 2
                union all select year, agency_id, max(entered_at) from fact_ikm_survey group by 1, 2
            ) x group by 1, 2
        ),
        keys as (select year, agency_id from ag union select year, agency_id from lr)
        select k.year, k.agency_id, coalesce(ag.agreements, 0), st.target_value, it.target_value, lr.at
        from keys k
        left join ag on ag.year = k.year and ag.agency_id = k.agency_id
        left join st on st.year = k.year and st.agency_id = k.agency_id
        left join it on it.year = k.year and it.agency_id = k.agency_id
        left join lr on lr.year = k.year and lr.agency_id = k.agency_id;

        delete from rm_indicator_year;
        """;

    private sealed class BandRow
    {
        public DateOnly EffectiveFrom { get; init; }
        public string Name { get; init; } = "";
        public decimal? MinInclusive { get; init; }
    }

    /// <summary>
    /// Rebuilds when something changed since the last rebuild (or always with <paramref name="force"/>); returns
    /// false when nothing changed or another process is rebuilding right now.
    /// </summary>
    public async Task<bool> RefreshAsync(bool force = false, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select pg_try_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: cancellationToken)))
        {
            return false;
        }

        try
        {
            var clock = Stopwatch.StartNew();
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var changes = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "select count(*) from rm_change", transaction: transaction, cancellationToken: cancellationToken));
            var signature = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                BandSignatureSql, transaction: transaction, cancellationToken: cancellationToken)) ?? "";
            if (!force && changes == 0 && signature == lastBandSignature)
            {
                return false;
            }

            var bandRows = await connection.QueryAsync<BandRow>(new CommandDefinition(
                "select effective_from as EffectiveFrom, name as Name, min_inclusive as MinInclusive from capaian_band",
                transaction: transaction, cancellationToken: cancellationToken));
            var bandSets = bandRows.GroupBy(r => r.EffectiveFrom)
                .Select(g => new CapaianBandSet(g.Key, g.Select(r => new CapaianBand(r.Name, r.MinInclusive)))).ToList();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var bandsByYear = new Dictionary<int, CapaianBandSet>();
            CapaianBandSet BandsFor(int year)
            {
                if (!bandsByYear.TryGetValue(year, out var set))
                {
                    var end = new DateOnly(year, 12, 31);
                    set = bandsByYear[year] = CapaianBandSet.EffectiveOn(bandSets, end < today ? end : today);
                }

                return set;
            }

            var inputs = await connection.QueryAsync<CapaianInputRow>(new CommandDefinition(
                InputsSql, transaction: transaction, commandTimeout: 600, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                RebuildSql, transaction: transaction, commandTimeout: 600, cancellationToken: cancellationToken));
            await using (var copy = await connection.BeginBinaryImportAsync(
                "copy rm_indicator_year (year, indicator_id, agency_id, category, target_value, realisation, capaian, band, is_sample) from stdin (format binary)",
                cancellationToken))
            {
                foreach (var input in inputs)
                {
                    var result = RegencyPerformance.Compute(input, BandsFor(input.Year));
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(input.Year, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(input.IndicatorId, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(input.AgencyId, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(input.Category, NpgsqlDbType.Text, cancellationToken);
                    await WriteNullableAsync(copy, input.Target, cancellationToken);
                    await WriteNullableAsync(copy, result.Realisation, cancellationToken);
                    await WriteNullableAsync(copy, result.Capaian is { } c ? Math.Round(c, 4, MidpointRounding.AwayFromZero) : null, cancellationToken);
                    if (result.Band is { } band)
                    {
                        await copy.WriteAsync(band, NpgsqlDbType.Text, cancellationToken);
                    }
                    else
                    {
                        await copy.WriteNullAsync(cancellationToken);
                    }

                    await copy.WriteAsync(input.IsSample, NpgsqlDbType.Boolean, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            // Only the change rows this snapshot saw: rows committed meanwhile stay for the next round.
            await connection.ExecuteAsync(new CommandDefinition("""
                update rm_agency_year ay
                set indicators = x.indicators, with_capaian = x.with_capaian, capaian_sum = x.capaian_sum,
                    indicator_is_sample = x.is_sample
                from (select year, agency_id, count(*)::int as indicators, count(capaian)::int as with_capaian,
                             sum(capaian) as capaian_sum, bool_or(is_sample and realisation is not null) as is_sample
                      from rm_indicator_year group by year, agency_id) x
                where ay.year = x.year and ay.agency_id = x.agency_id;

                update rm_agency_year ay
                set budget = x.budget, budget_realised = x.realised, budget_is_sample = x.is_sample
                from (select year, agency_id, sum(amount) as budget, sum(realised) as realised,
                             bool_or(is_sample and realised > 0) as is_sample
                      from rm_agency_program_year group by year, agency_id) x
                where ay.year = x.year and ay.agency_id = x.agency_id;

                delete from rm_agency_document;
                insert into rm_agency_document (agency_id, documents, findings, last_loaded_at)
                select d.agency_id, count(*)::int, coalesce(sum(f.findings), 0)::int, max(d.loaded_at)
                from dim_document d
                left join (select document_id, count(*) as findings from finding group by document_id) f on f.document_id = d.document_id
                group by d.agency_id;

                delete from rm_agency_band;
                insert into rm_agency_band (year, agency_id, band, indicators)
                select year, agency_id, band, count(*)::int from rm_indicator_year where band is not null
                group by year, agency_id, band;

                delete from rm_change;
                insert into rm_state (name, refreshed_at, took_ms) values ('dashboard', now(), @Took)
                on conflict (name) do update set refreshed_at = excluded.refreshed_at, took_ms = excluded.took_ms;
                """, new { Took = (int)clock.ElapsedMilliseconds }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            lastBandSignature = signature;
            LastDuration = clock.Elapsed;
            // Fresh statistics, so the page queries plan for the new contents (autovacuum would come later).
            await connection.ExecuteAsync(new CommandDefinition(
                "analyze rm_indicator_year, rm_agency_program_year, rm_agency_year, rm_agency_band, rm_agency_document",
                commandTimeout: 600, cancellationToken: cancellationToken));
            return true;
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "select pg_advisory_unlock(@LockKey)", new { LockKey }, cancellationToken: CancellationToken.None));
        }
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, decimal? value, CancellationToken cancellationToken)
    {
        if (value is { } v)
        {
            await copy.WriteAsync(v, NpgsqlDbType.Numeric, cancellationToken);
        }
        else
        {
            await copy.WriteNullAsync(cancellationToken);
        }
    }
}
