using Dapper;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PkAnalytics.Warehouse.Data;
using PkAnalytics.Warehouse.Data.Entities;
using PkAnalytics.Domain.Rules;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Warehouse.Realisation;

/// <summary>An indicator of an agency's current agreements for a year, with its target and its realisation per quarter.</summary>
public sealed class IndicatorEntry
{
    public int IndicatorId { get; init; }
    public int AgencyId { get; init; }
    public string Name { get; init; } = "";
    public string? Unit { get; init; }
    public string Polarity { get; init; } = "higher_is_better";
    public string Aggregation { get; init; } = "nilai_akhir";
    public string Category { get; init; } = "other";
    public string? TargetRaw { get; init; }
    public decimal? TargetValue { get; init; }

    /// <summary>Value reported per quarter (1-4).</summary>
    public Dictionary<int, decimal?> Quarters { get; } = [];

    public Dictionary<int, string?> Notes { get; } = [];

    public bool HasSample { get; set; }

    /// <summary>Quarters whose value is sample data (pk etl demo-data).</summary>
    public HashSet<int> SampleQuarters { get; } = [];

    public Polarity PolarityRule => PolarityCodes.ParsePolarity(Polarity);

    public Aggregation AggregationRule => PolarityCodes.ParseAggregation(Aggregation);

    /// <summary>Realisation as of a quarter after aggregation (kumulatif / nilai akhir).</summary>
    public decimal? RealisationAsOf(int quarter) => QuarterAggregation.Aggregate(Quarters, AggregationRule, quarter);

    public decimal? CapaianAsOf(int quarter) => Capaian.Compute(RealisationAsOf(quarter), TargetValue, PolarityRule);
}

/// <summary>One value entered for an indicator and quarter. A null value on the entry page clears the quarter.</summary>
public sealed record IndicatorRealisationInput(int IndicatorId, int Year, int Quarter, decimal? Value, string? Note);

/// <summary>Indicator realisation per quarter: the entry list, saving with validation by unit, and CSV/XLSX import.</summary>
public sealed class IndicatorRealisationStore(NpgsqlDataSource dataSource)
{
    // The current agreements of the agency for the year; an indicator that several levels share takes the
    // target of the highest level (the head's agreement with the Bupati first).
    internal const string CurrentIndicatorsSql = """
        select distinct on (i.indicator_id)
               i.indicator_id as IndicatorId, i.agency_id as AgencyId, i.name as Name,
               coalesce(nullif(i.unit, ''), t.target_unit) as Unit, i.polarity as Polarity,
               i.aggregation as Aggregation, i.category as Category,
               t.target_raw as TargetRaw, t.target_value as TargetValue
        from agreement_current a
        join fact_indicator_target t on t.agreement_id = a.agreement_id
        join dim_indicator i on i.indicator_id = t.indicator_id
        left join dim_position p on p.position_id = a.position_id
        where a.agency_id = @AgencyId and a.year = @Year
          and (@ScopeAgencyId::int is null or i.agency_id = @ScopeAgencyId)
        order by i.indicator_id,
                 case p.level when 'bupati' then 0 when 'eselon_ii' then 1 when 'eselon_iii' then 2
                              when 'eselon_iv' then 3 when 'staff' then 4 else 5 end,
                 a.agreement_id desc
        """;

    private const string QuarterValuesSql = """
        select r.indicator_id as IndicatorId, r.quarter as Quarter, r.value as Value, r.note as Note, r.is_sample as IsSample
        from fact_indicator_realisation r
        join dim_indicator i on i.indicator_id = r.indicator_id
        where i.agency_id = @AgencyId and r.year = @Year
          and (@ScopeAgencyId::int is null or i.agency_id = @ScopeAgencyId)
        """;

    private sealed record QuarterValue(int IndicatorId, int Quarter, decimal Value, string? Note, bool IsSample);

    private const string AgencyIndicatorsSql = """
        select i.indicator_id as IndicatorId, i.agency_id as AgencyId, i.name as Name, i.unit as Unit,
               i.polarity as Polarity, i.aggregation as Aggregation, i.category as Category
        from dim_indicator i
        where i.agency_id = @AgencyId and (@ScopeAgencyId::int is null or i.agency_id = @ScopeAgencyId)
        """;

    private const string YearsSql = """
        select distinct a.year from agreement a
        where a.agency_id = @AgencyId and a.year is not null and (@ScopeAgencyId::int is null or a.agency_id = @ScopeAgencyId)
        order by a.year desc
        """;

    /// <summary>The years the agency has agreements for, latest first (the years realisation can be entered for).</summary>
    public async Task<IReadOnlyList<int>> AgreementYearsAsync(ViewerScope scope, int agencyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<int>(new CommandDefinition(YearsSql,
            new { AgencyId = agencyId, ScopeAgencyId = scope.AgencyId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The agency's current indicators for the year with targets and the realisation of every quarter.</summary>
    public async Task<IReadOnlyList<IndicatorEntry>> ListAsync(ViewerScope scope, int agencyId, int year, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var args = new { AgencyId = agencyId, Year = year, ScopeAgencyId = scope.AgencyId };
        var entries = (await connection.QueryAsync<IndicatorEntry>(new CommandDefinition(CurrentIndicatorsSql, args, cancellationToken: cancellationToken)))
            .OrderBy(e => e.Name, StringComparer.CurrentCulture).ToList();
        var byId = entries.ToDictionary(e => e.IndicatorId);
        foreach (var q in await connection.QueryAsync<QuarterValue>(new CommandDefinition(QuarterValuesSql, args, cancellationToken: cancellationToken)))
        {
            if (byId.TryGetValue(q.IndicatorId, out var entry))
            {
                entry.Quarters[q.Quarter] = q.Value;
                entry.Notes[q.Quarter] = q.Note;
                entry.HasSample |= q.IsSample;
                if (q.IsSample)
                {
                    entry.SampleQuarters.Add(q.Quarter);
                }
            }
        }

        return entries;
    }

    /// <summary>
    /// Validates and saves entered values in one transaction: all or nothing. Returns the errors (nothing saved)
    /// or the number of rows changed.
    /// </summary>
    public Task<ImportResult> SaveAsync(ViewerScope scope, int agencyId, IReadOnlyList<IndicatorRealisationInput> inputs, CancellationToken cancellationToken = default) =>
        SaveAsync(scope, agencyId, inputs, importFile: null, cancellationToken);

    private async Task<ImportResult> SaveAsync(ViewerScope scope, int agencyId, IReadOnlyList<IndicatorRealisationInput> inputs, string? importFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (Refusal(scope, agencyId) is { } refused)
        {
            return refused;
        }

        var indicators = await AgencyIndicatorsAsync(scope, agencyId, cancellationToken);
        var errors = new List<ImportError>();
        for (var n = 0; n < inputs.Count; n++)
        {
            var input = inputs[n];
            var label = indicators.TryGetValue(input.IndicatorId, out var indicator) ? indicator.Name : $"indikator {input.IndicatorId}";
            if (indicator is null)
            {
                errors.Add(new ImportError(n + 1, "indikator", "Indikator bukan milik perangkat daerah ini."));
                continue;
            }

            if (input.Quarter is < 1 or > 4)
            {
                errors.Add(new ImportError(n + 1, label, "Triwulan harus 1 sampai 4."));
            }

            if (input.Value is { } v && UnitValidation.Validate(indicator.Unit, v, indicator.Name) is { } message)
            {
                errors.Add(new ImportError(n + 1, label, message));
            }
        }

        if (errors.Count > 0)
        {
            return ImportResult.Refused(errors);
        }

        var changed = await WarehouseDbContext.RetryOnConflictAsync(() => WriteAsync(scope, agencyId, inputs, importFile, cancellationToken));
        return new ImportResult(inputs.Count, changed, [], []);
    }

    private async Task<Dictionary<int, IndicatorEntry>> AgencyIndicatorsAsync(ViewerScope scope, int agencyId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<IndicatorEntry>(new CommandDefinition(
            AgencyIndicatorsSql, new { AgencyId = agencyId, ScopeAgencyId = scope.AgencyId }, cancellationToken: cancellationToken)))
            .ToDictionary(i => i.IndicatorId);
    }

    /// <summary>Writes only what differs from the stored rows (one transaction); returns the rows written.</summary>
    private async Task<int> WriteAsync(ViewerScope scope, int agencyId, IReadOnlyList<IndicatorRealisationInput> inputs, string? importFile, CancellationToken cancellationToken)
    {
        await using var db = WarehouseDbContext.Create(dataSource, scope, agencyId);
        if (importFile is not null)
        {
            db.AuditLog.Add(AuditEntry.Import(scope.Actor, agencyId, importFile, inputs.Count));
        }

        var enteredBy = scope.Actor;
        var indicatorIds = inputs.Select(i => i.IndicatorId).Distinct().ToList();
        var years = inputs.Select(i => i.Year).Distinct().ToList();
        var stored = await db.IndicatorRealisations
            .Where(r => indicatorIds.Contains(r.IndicatorId) && years.Contains(r.Year))
            .ToDictionaryAsync(r => (r.IndicatorId, r.Year, r.Quarter), cancellationToken);
        foreach (var input in inputs)
        {
            var key = (input.IndicatorId, input.Year, input.Quarter);
            var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
            stored.TryGetValue(key, out var row);
            if (input.Value is not { } value)
            {
                if (row is not null)
                {
                    db.IndicatorRealisations.Remove(row);
                    stored.Remove(key);
                }
            }
            else if (row is null)
            {
                stored[key] = db.IndicatorRealisations.Add(new IndicatorRealisation
                {
                    IndicatorId = input.IndicatorId, Year = input.Year, Quarter = input.Quarter, Value = value, Note = note,
                    EnteredBy = enteredBy, EnteredAt = DateTime.UtcNow,
                }).Entity;
            }
            else if (row.Value != value || row.Note != note || row.IsSample)
            {
                (row.Value, row.Note, row.IsSample, row.EnteredBy, row.EnteredAt) = (value, note, false, enteredBy, DateTime.UtcNow);
            }
        }

        return await db.SaveChangesAsync(cancellationToken);
    }

    public static readonly IReadOnlyList<string> TemplateHeaders =
        ["indikator_id", "indikator", "satuan", "target", "tahun", "triwulan", "realisasi", "catatan"];

    /// <summary>The import template for an agency, year and quarter, pre-filled with its current indicators (and values already entered).</summary>
    public async Task<byte[]> TemplateAsync(ViewerScope scope, int agencyId, int year, int quarter, bool xlsx, CancellationToken cancellationToken = default)
    {
        var entries = await ListAsync(scope, agencyId, year, cancellationToken);
        var rows = entries.Select(e => (IReadOnlyList<string>)
        [
            e.IndicatorId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.Name,
            e.Unit ?? "",
            e.TargetRaw ?? "",
            year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            quarter.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.Quarters.TryGetValue(quarter, out var v) && v is { } value ? value.ToString("0.####", Formats.Indonesian) : "",
            e.Notes.TryGetValue(quarter, out var note) ? note ?? "" : "",
        ]).ToList();
        return xlsx ? TabularFile.WriteXlsx("Realisasi", TemplateHeaders, rows) : TabularFile.WriteCsv(TemplateHeaders, rows);
    }

    /// <summary>
    /// Imports a filled template (CSV or XLSX). Every row is checked first; one bad row refuses the whole file with
    /// its row and column. Rows with an empty realisasi are skipped. Re-importing the same file changes nothing.
    /// </summary>
    public async Task<ImportResult> ImportAsync(ViewerScope scope, int agencyId, Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        if (Refusal(scope, agencyId) is { } refused)
        {
            return refused;
        }

        TabularData data;
        try
        {
            data = TabularFile.Read(content, fileName, "realisasi", "triwulan", "indikator_id");
        }
        catch (TabularFormatException e)
        {
            return ImportResult.Refused(e.Message);
        }

        int idCol = data.Column("indikator_id", "id"), nameCol = data.Column("indikator", "indikator kinerja"),
            yearCol = data.Column("tahun"), quarterCol = data.Column("triwulan", "tw"),
            valueCol = data.Column("realisasi"), noteCol = data.Column("catatan", "keterangan");
        var missing = new List<string>();
        if (idCol < 0 && nameCol < 0) missing.Add("indikator_id atau indikator");
        if (yearCol < 0) missing.Add("tahun");
        if (quarterCol < 0) missing.Add("triwulan");
        if (valueCol < 0) missing.Add("realisasi");
        if (missing.Count > 0)
        {
            return ImportResult.Refused([new ImportError(1, "judul kolom", "Kolom tidak ditemukan: " + string.Join(", ", missing) + ". Gunakan templat dari dasbor.")]);
        }

        var indicators = await AgencyIndicatorsAsync(scope, agencyId, cancellationToken);
        var byName = indicators.Values.GroupBy(i => NameNormalizer.Normalize(i.Name)).ToDictionary(g => g.Key, g => g.ToList());
        var errors = new List<ImportError>();
        var inputs = new List<IndicatorRealisationInput>();
        var seen = new Dictionary<(int, int, int), int>();
        foreach (var row in data.Rows)
        {
            var rowErrors = errors.Count;
            void Fail(int column, string message) => errors.Add(new ImportError(row.RowNumber, data.Describe(column), message));

            if (row[valueCol].IsBlank)
            {
                continue;
            }

            IndicatorEntry? indicator = null;
            if (idCol >= 0 && !row[idCol].IsBlank)
            {
                if (!int.TryParse(row[idCol].Text, out var id) || !indicators.TryGetValue(id, out indicator))
                {
                    Fail(idCol, $"'{row[idCol].Text}' bukan indikator perangkat daerah ini.");
                }
            }
            else if (nameCol >= 0 && !row[nameCol].IsBlank)
            {
                if (!byName.TryGetValue(NameNormalizer.Normalize(row[nameCol].Text), out var found))
                {
                    Fail(nameCol, $"Indikator '{row[nameCol].Text}' tidak ditemukan pada perangkat daerah ini.");
                }
                else if (found.Count > 1)
                {
                    Fail(nameCol, $"Indikator '{row[nameCol].Text}' ganda; isi kolom indikator_id.");
                }
                else
                {
                    indicator = found[0];
                }
            }
            else
            {
                Fail(idCol >= 0 ? idCol : nameCol, "Indikator kosong.");
            }

            if (!int.TryParse(row[yearCol].Text, out var year) || year is < 2015 or > 2040)
            {
                Fail(yearCol, $"Tahun '{row[yearCol].Text}' tidak sah (2015-2040).");
            }

            var quarter = ParseQuarter(row[quarterCol].Text);
            if (quarter is null)
            {
                Fail(quarterCol, $"Triwulan '{row[quarterCol].Text}' tidak sah (1-4 atau I-IV).");
            }

            decimal? value = null;
            if (!NumberCell.TryParse(row[valueCol], out var parsed, out var numberError))
            {
                Fail(valueCol, numberError!);
            }
            else if (indicator is not null && UnitValidation.Validate(indicator.Unit, parsed, indicator.Name) is { } unitError)
            {
                Fail(valueCol, unitError);
            }
            else
            {
                value = parsed;
            }

            if (errors.Count > rowErrors || indicator is null || quarter is null || value is null)
            {
                continue;
            }

            if (seen.TryGetValue((indicator.IndicatorId, year, quarter.Value), out var firstRow))
            {
                Fail(valueCol, $"Indikator dan triwulan yang sama sudah ada di baris {firstRow}.");
                continue;
            }

            seen[(indicator.IndicatorId, year, quarter.Value)] = row.RowNumber;
            inputs.Add(new IndicatorRealisationInput(indicator.IndicatorId, year, quarter.Value, value,
                noteCol >= 0 ? row[noteCol].Text : null));
        }

        if (errors.Count > 0)
        {
            return ImportResult.Refused(errors);
        }

        if (inputs.Count == 0)
        {
            return ImportResult.Refused([new ImportError(0, "", "Tidak ada baris dengan realisasi terisi.")]);
        }

        return await SaveAsync(scope, agencyId, inputs, fileName, cancellationToken);
    }

    /// <summary>Why the viewer may not enter realisation for the agency, or null when they may.</summary>
    internal static ImportResult? Refusal(ViewerScope scope, int agencyId) =>
        !scope.Can(ViewerRights.EnterRealisation) ? ImportResult.Refused("Akun Anda tidak berwenang mengisi realisasi.")
        : !scope.Sees(agencyId) ? ImportResult.Refused("Perangkat daerah di luar cakupan Anda.")
        : null;

    internal static int? ParseQuarter(string text) => text.Trim().ToUpperInvariant().Replace("TW", "").Replace("TRIWULAN", "").Trim() switch
    {
        "1" or "I" => 1,
        "2" or "II" => 2,
        "3" or "III" => 3,
        "4" or "IV" => 4,
        _ => null,
    };
}

public static class Formats
{
    public static readonly System.Globalization.CultureInfo Indonesian = System.Globalization.CultureInfo.GetCultureInfo("id-ID");
}
