using Dapper;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PkAnalytics.Warehouse.Data;

namespace PkAnalytics.Warehouse.Loading;

/// <summary>An override of the classification rules for one normalised indicator name (agency null = all agencies).</summary>
public sealed record ClassificationOverride(int? AgencyId, string NormalizedName, string? Category, string? Polarity, string? Aggregation, string? Note = null);

/// <summary>
/// Classification of indicators after they are loaded: overrides (stored in indicator_classification_override
/// and applied by the loader to new indicators) and reclassification of what is loaded when the rules or the
/// overrides change. Indicators a person edited (classification_source 'manual') are left alone.
/// </summary>
public sealed class IndicatorClassifier(NpgsqlDataSource dataSource)
{
    private sealed record IndicatorRow(int IndicatorId, int AgencyId, string NormalizedName, string? Unit,
        string Category, string Polarity, string Aggregation, string ClassificationSource);

    private const string SelectIndicators = """
        select indicator_id as IndicatorId, agency_id as AgencyId, normalized_name as NormalizedName, unit as Unit,
               category as Category, polarity as Polarity, aggregation as Aggregation,
               classification_source as ClassificationSource
        from dim_indicator
        where classification_source <> 'manual'
        """;

    private const string SelectOverrides = """
        select agency_id as AgencyId, normalized_name as NormalizedName, category as Category, polarity as Polarity,
               aggregation as Aggregation, note as Note
        from indicator_classification_override
        """;

    private const string UpdateIndicator = """
        update dim_indicator
        set category = @Category, polarity = @Polarity, aggregation = @Aggregation, classification_source = @ClassificationSource
        where indicator_id = @IndicatorId and classification_source <> 'manual'
        """;

    /// <summary>Stores an override (the name is normalised here) and reclassifies what is loaded.</summary>
    public async Task<int> SetOverrideAsync(ClassificationOverride value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        await WarehouseDbContext.RetryOnConflictAsync(async () =>
        {
            await using var db = WarehouseDbContext.Create(dataSource);
            var key = Names.Key(value.NormalizedName);
            var row = await db.ClassificationOverrides.SingleOrDefaultAsync(o => o.AgencyId == value.AgencyId && o.NormalizedName == key, cancellationToken)
                ?? db.ClassificationOverrides.Add(new Data.Entities.ClassificationOverride { AgencyId = value.AgencyId, NormalizedName = key }).Entity;
            (row.Category, row.Polarity, row.Aggregation, row.Note, row.CreatedAt) = (value.Category, value.Polarity, value.Aggregation, value.Note, DateTime.UtcNow);
            return await db.SaveChangesAsync(cancellationToken);
        });

        return await ReclassifyAsync(cancellationToken);
    }

    /// <summary>A person's edit of one indicator; reclassification leaves it alone from now on.</summary>
    public async Task SetManualAsync(int indicatorId, string? category, string? polarity, string? aggregation,
        CancellationToken cancellationToken = default)
    {
        await using var db = WarehouseDbContext.Create(dataSource);
        var indicator = await db.Indicators.FindAsync([indicatorId], cancellationToken)
            ?? throw new KeyNotFoundException($"indicator {indicatorId} not found");
        (indicator.Category, indicator.Polarity, indicator.Aggregation) =
            (category ?? indicator.Category, polarity ?? indicator.Polarity, aggregation ?? indicator.Aggregation);
        indicator.ClassificationSource = "manual";
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Applies rules and overrides to every indicator not edited by hand; returns how many changed.</summary>
    public async Task<int> ReclassifyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var overrides = (await connection.QueryAsync<ClassificationOverride>(new CommandDefinition(
            SelectOverrides, transaction: transaction, cancellationToken: cancellationToken))).ToList();
        var indicators = await connection.QueryAsync<IndicatorRow>(new CommandDefinition(
            SelectIndicators, transaction: transaction, cancellationToken: cancellationToken));
        var changed = new List<IndicatorRow>();
        foreach (var row in indicators)
        {
            var next = Classify(row.AgencyId, row.NormalizedName, row.Unit, overrides);
            var updated = row with
            {
                Category = next.Class.Category,
                Polarity = next.Class.Polarity,
                Aggregation = next.Class.Aggregation,
                ClassificationSource = next.Source,
            };
            if (updated != row)
            {
                changed.Add(updated);
            }
        }

        if (changed.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(UpdateIndicator, changed, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return changed.Count;
    }

    /// <summary>Rules, then the agency's override, else the regency-wide one, attribute by attribute.</summary>
    public static (IndicatorClass Class, string Source) Classify(int agencyId, string normalizedName, string? unit,
        IReadOnlyList<ClassificationOverride> overrides)
    {
        var rule = IndicatorRules.Classify(normalizedName, unit);
        var match = overrides.FirstOrDefault(o => o.AgencyId == agencyId && o.NormalizedName == normalizedName)
                    ?? overrides.FirstOrDefault(o => o.AgencyId is null && o.NormalizedName == normalizedName);
        if (match is null)
        {
            return (rule, "rule");
        }

        return (new IndicatorClass(match.Category ?? rule.Category, match.Polarity ?? rule.Polarity,
            match.Aggregation ?? rule.Aggregation), "override");
    }
}
