using Dapper;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PkAnalytics.Warehouse.Data;
using PkAnalytics.Warehouse.Data.Entities;
using PkAnalytics.Domain.Rules;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Warehouse.Realisation;

public sealed class IndicatorSetting
{
    public int IndicatorId { get; init; }
    public int AgencyId { get; init; }
    public string AgencyName { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Unit { get; init; }
    public string Polarity { get; set; } = "higher_is_better";
    public string Aggregation { get; set; } = "nilai_akhir";
    public string Category { get; init; } = "other";
}

public sealed class SettingsAuditEntry
{
    public long AuditId { get; init; }
    public string Entity { get; init; } = "";
    public string EntityKey { get; init; } = "";
    public string? Subject { get; init; }
    public string Field { get; init; } = "";
    public string? OldValue { get; init; }
    public string? NewValue { get; init; }
    public string ChangedBy { get; init; } = "";
    public DateTime ChangedAt { get; init; }
}

/// <summary>
/// Indicator settings (polarity, aggregation) and capaian band sets, editable by Bappeda. Every change writes an
/// audit row (who, when, old value, new value) in the same transaction as the change.
/// </summary>
public sealed class IndicatorSettingsStore(NpgsqlDataSource dataSource)
{
    private const string ListSql = """
        select i.indicator_id as IndicatorId, i.agency_id as AgencyId, g.name as AgencyName, i.name as Name, i.unit as Unit,
               i.polarity as Polarity, i.aggregation as Aggregation, i.category as Category
        from dim_indicator i
        join dim_agency g on g.agency_id = i.agency_id
        where (@ScopeAgencyId::int is null or i.agency_id = @ScopeAgencyId)
          and (@AgencyId::int is null or i.agency_id = @AgencyId)
        order by g.name, i.name
        """;

    private const string BandsSql = """
        select effective_from as EffectiveFrom, name as Name, min_inclusive as MinInclusive
        from capaian_band order by effective_from, min_inclusive desc nulls last
        """;

    private const string AuditListSql = """
        select a.audit_id as AuditId, a.entity as Entity, a.entity_key as EntityKey,
               case when a.entity = 'indicator' then i.name || ' (' || g.name || ')' else 'Pita capaian berlaku ' || a.entity_key end as Subject,
               a.field as Field, a.old_value as OldValue, a.new_value as NewValue, a.changed_by as ChangedBy, a.changed_at as ChangedAt
        from settings_audit a
        left join dim_indicator i on a.entity = 'indicator' and i.indicator_id::text = a.entity_key
        left join dim_agency g on g.agency_id = i.agency_id
        where @ScopeAgencyId::int is null or a.entity = 'capaian_band' or i.agency_id = @ScopeAgencyId
        order by a.changed_at desc, a.audit_id desc
        limit @Limit
        """;

    private sealed record BandRow(DateOnly EffectiveFrom, string Name, decimal? MinInclusive);

    public async Task<IReadOnlyList<IndicatorSetting>> ListAsync(ViewerScope scope, int? agencyId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<IndicatorSetting>(new CommandDefinition(ListSql,
            new { ScopeAgencyId = scope.AgencyId, AgencyId = agencyId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Changes polarity and aggregation; audits each field that changed. Returns the number of fields changed.</summary>
    public async Task<int> UpdateIndicatorAsync(ViewerScope scope, int indicatorId, Polarity polarity, Aggregation aggregation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.Can(ViewerRights.EditSettings))
        {
            throw new UnauthorizedAccessException("Akun Anda tidak berwenang mengubah pengaturan indikator.");
        }

        var changedBy = scope.Actor;
        await using var db = WarehouseDbContext.Create(dataSource, scope);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var indicator = await db.Indicators
            .FromSql($"select * from dim_indicator where indicator_id = {indicatorId} for update")
            .SingleOrDefaultAsync(i => scope.AgencyId == null || i.AgencyId == scope.AgencyId, cancellationToken)
            ?? throw new KeyNotFoundException($"indicator {indicatorId} not found in scope");
        var changes = new List<(string Field, string Old, string New)>();
        if (indicator.Polarity != polarity.ToCode())
        {
            changes.Add(("polarity", indicator.Polarity, polarity.ToCode()));
        }

        if (indicator.Aggregation != aggregation.ToCode())
        {
            changes.Add(("aggregation", indicator.Aggregation, aggregation.ToCode()));
        }

        if (changes.Count > 0)
        {
            (indicator.Polarity, indicator.Aggregation, indicator.ClassificationSource) = (polarity.ToCode(), aggregation.ToCode(), "manual");
            db.SettingsAudits.AddRange(changes.Select(c => new SettingsAudit
            {
                Entity = "indicator", EntityKey = indicatorId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Field = c.Field, OldValue = c.Old, NewValue = c.New, ChangedBy = changedBy.Trim(), ChangedAt = DateTime.UtcNow,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changes.Count;
    }

    /// <summary>All band sets, oldest first (the migration seeds the default set from 2000-01-01).</summary>
    public async Task<IReadOnlyList<CapaianBandSet>> BandSetsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<BandRow>(new CommandDefinition(BandsSql, cancellationToken: cancellationToken));
        return rows.GroupBy(r => r.EffectiveFrom)
            .Select(g => new CapaianBandSet(g.Key, g.Select(r => new CapaianBand(r.Name, r.MinInclusive))))
            .OrderBy(s => s.EffectiveFrom).ToList();
    }

    /// <summary>The band set in force on a date.</summary>
    public async Task<CapaianBandSet> BandSetOnAsync(DateOnly date, CancellationToken cancellationToken = default) =>
        CapaianBandSet.EffectiveOn(await BandSetsAsync(cancellationToken), date);

    /// <summary>
    /// Saves the band set effective from a date (replacing a set of the same date) and audits old and new set.
    /// Returns the validation error, or null when saved.
    /// </summary>
    public async Task<string?> SaveBandSetAsync(ViewerScope scope, DateOnly effectiveFrom, IReadOnlyList<CapaianBand> bands, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(bands);
        if (!scope.Can(ViewerRights.EditSettings))
        {
            return "Akun Anda tidak berwenang mengubah pita capaian.";
        }

        var changedBy = scope.Actor;
        var cleaned = bands.Select(b => new CapaianBand(b.Name.Trim(), b.MinInclusive)).ToList();
        if (CapaianBandSet.Validate(cleaned) is { } error)
        {
            return error;
        }

        var set = new CapaianBandSet(effectiveFrom, cleaned);
        await using var db = WarehouseDbContext.Create(dataSource, scope);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("lock table capaian_band in share row exclusive mode", cancellationToken);
        var oldRows = await db.CapaianBands.Where(b => b.EffectiveFrom == effectiveFrom).ToListAsync(cancellationToken);
        var oldText = oldRows.Count == 0 ? null : Describe(new CapaianBandSet(effectiveFrom, oldRows.Select(r => new CapaianBand(r.Name, r.MinInclusive))));
        var newText = Describe(set);
        if (oldText != newText)
        {
            // Deleted first, so a band that keeps its name or its minimum never meets itself in a unique key.
            db.CapaianBands.RemoveRange(oldRows);
            await db.SaveChangesAsync(cancellationToken);
            db.CapaianBands.AddRange(set.Bands.Select(b => new CapaianBandRow { EffectiveFrom = effectiveFrom, Name = b.Name, MinInclusive = b.MinInclusive }));
            db.SettingsAudits.Add(new SettingsAudit
            {
                Entity = "capaian_band", EntityKey = effectiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Field = "bands", OldValue = oldText, NewValue = newText, ChangedBy = changedBy.Trim(), ChangedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>"Sangat Tinggi >= 91; Tinggi >= 76; ...; Sangat Rendah &lt; 51" (id-ID numbers).</summary>
    public static string Describe(CapaianBandSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var parts = new List<string>();
        decimal? lowestMin = null;
        foreach (var band in set.Bands)
        {
            if (band.MinInclusive is { } min)
            {
                parts.Add($"{band.Name} >= {min.ToString("0.##", Formats.Indonesian)}");
                lowestMin = min;
            }
            else
            {
                parts.Add(lowestMin is { } m ? $"{band.Name} < {m.ToString("0.##", Formats.Indonesian)}" : band.Name);
            }
        }

        return string.Join("; ", parts);
    }

    public async Task<IReadOnlyList<SettingsAuditEntry>> AuditAsync(ViewerScope scope, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<SettingsAuditEntry>(new CommandDefinition(AuditListSql,
            new { ScopeAgencyId = scope.AgencyId, Limit = limit }, cancellationToken: cancellationToken))).AsList();
    }
}
