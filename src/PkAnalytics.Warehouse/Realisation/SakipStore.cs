using Dapper;
using Npgsql;
using PkAnalytics.Warehouse.Data;
using PkAnalytics.Warehouse.Data.Entities;
using PkAnalytics.Domain.Rules;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Warehouse.Realisation;

/// <summary>A SAKIP evaluation of an agency and year with the agreements' SAKIP target of that year, if any.</summary>
public sealed class SakipEvaluation
{
    public int AgencyId { get; init; }
    public string AgencyName { get; init; } = "";
    public int Year { get; init; }
    public decimal Perencanaan { get; init; }
    public decimal Pengukuran { get; init; }
    public decimal Pelaporan { get; init; }
    public decimal Evaluasi { get; init; }
    public decimal Total { get; init; }
    public decimal? Target { get; init; }
    public string? TargetRaw { get; init; }
    public bool IsSample { get; init; }
    public string? EnteredBy { get; init; }
    public DateTime EnteredAt { get; init; }

    public string Predicate => Sakip.Predicate(Total);

    public SakipScore Score => new(Perencanaan, Pengukuran, Pelaporan, Evaluasi);
}

/// <summary>SAKIP evaluations per agency and year (entered after the Inspektorat's evaluation), with history.</summary>
public sealed class SakipStore(NpgsqlDataSource dataSource)
{
    // SAKIP targets: indicators of category 'sakip' or named after SAKIP in the current agreements, highest level first.
    private const string HistorySql = """
        with target as (
            select distinct on (a.agency_id, a.year) a.agency_id, a.year, t.target_value, t.target_raw
            from agreement_current a
            join fact_indicator_target t on t.agreement_id = a.agreement_id
            join dim_indicator i on i.indicator_id = t.indicator_id
            left join dim_position p on p.position_id = a.position_id
            where (i.category = 'sakip' or i.normalized_name like '%sakip%')
              and (@ScopeAgencyId::int is null or a.agency_id = @ScopeAgencyId)
            order by a.agency_id, a.year,
                     case p.level when 'bupati' then 0 when 'eselon_ii' then 1 when 'eselon_iii' then 2
                                  when 'eselon_iv' then 3 when 'staff' then 4 else 5 end,
                     (t.target_value is null), a.agreement_id desc
        )
        select s.agency_id as AgencyId, g.name as AgencyName, s.year as Year, s.perencanaan as Perencanaan,
               s.pengukuran as Pengukuran, s.pelaporan as Pelaporan, s.evaluasi as Evaluasi, s.total as Total,
               case when target.target_value between 0 and 100 then target.target_value end as Target,
               target.target_raw as TargetRaw, s.is_sample as IsSample, s.entered_by as EnteredBy, s.entered_at as EnteredAt
        from fact_sakip_evaluation s
        join dim_agency g on g.agency_id = s.agency_id
        left join target on target.agency_id = s.agency_id and target.year = s.year
        where (@ScopeAgencyId::int is null or s.agency_id = @ScopeAgencyId)
          and (@AgencyId::int is null or s.agency_id = @AgencyId)
        order by g.name, s.year
        """;

    /// <summary>Validates the components against their maxima and saves; returns the errors (nothing saved) or 1/0 changed.</summary>
    public async Task<ImportResult> SaveAsync(ViewerScope scope, int agencyId, int year, SakipScore score, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (IndicatorRealisationStore.Refusal(scope, agencyId) is { } refused)
        {
            return refused;
        }

        var errors = score.Validate().Select(e => new ImportError(0, "", e)).ToList();
        if (year is < 2015 or > 2040)
        {
            errors.Add(new ImportError(0, "", "Tahun harus 2015-2040."));
        }

        if (errors.Count > 0)
        {
            return ImportResult.Refused(errors);
        }

        var changed = await WarehouseDbContext.RetryOnConflictAsync(async () =>
        {
            await using var db = WarehouseDbContext.Create(dataSource, scope, agencyId);
            var row = await db.SakipEvaluations.FindAsync([agencyId, year], cancellationToken);
            if (row is null)
            {
                row = db.SakipEvaluations.Add(new SakipEvaluationRow { AgencyId = agencyId, Year = year }).Entity;
            }
            else if ((row.Perencanaan, row.Pengukuran, row.Pelaporan, row.Evaluasi, row.IsSample) ==
                     (score.Perencanaan, score.Pengukuran, score.Pelaporan, score.Evaluasi, false))
            {
                return 0;
            }

            (row.Perencanaan, row.Pengukuran, row.Pelaporan, row.Evaluasi) = (score.Perencanaan, score.Pengukuran, score.Pelaporan, score.Evaluasi);
            (row.IsSample, row.EnteredBy, row.EnteredAt) = (false, scope.Actor, DateTime.UtcNow);
            return await db.SaveChangesAsync(cancellationToken);
        });
        return new ImportResult(1, changed, [], []);
    }

    /// <summary>Removes an evaluation entered by mistake; returns 1 when removed, 0 when absent or out of scope.</summary>
    public async Task<int> DeleteAsync(ViewerScope scope, int agencyId, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (IndicatorRealisationStore.Refusal(scope, agencyId) is not null)
        {
            return 0;
        }

        await using var db = WarehouseDbContext.Create(dataSource, scope, agencyId);
        if (await db.SakipEvaluations.FindAsync([agencyId, year], cancellationToken) is not { } row)
        {
            return 0;
        }

        db.SakipEvaluations.Remove(row);
        return await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Every evaluation in scope (of one agency when given), by agency and year, with the SAKIP target.</summary>
    public async Task<IReadOnlyList<SakipEvaluation>> HistoryAsync(ViewerScope scope, int? agencyId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SakipEvaluation>(new CommandDefinition(HistorySql,
            new { ScopeAgencyId = scope.AgencyId, AgencyId = agencyId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
