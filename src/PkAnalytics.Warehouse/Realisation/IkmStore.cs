using Dapper;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PkAnalytics.Warehouse.Data;
using IkmResponse = PkAnalytics.Warehouse.Data.Entities.IkmResponse;
using IkmSurveyRow = PkAnalytics.Warehouse.Data.Entities.IkmSurvey;
using PkAnalytics.Domain.Rules;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Warehouse.Realisation;

/// <summary>An IKM survey of an agency (or one of its service units) and period.</summary>
public sealed class IkmSurvey
{
    public long IkmSurveyId { get; init; }
    public int AgencyId { get; init; }
    public string AgencyName { get; init; } = "";
    public string UnitName { get; init; } = "";
    public int Year { get; init; }
    public int? Quarter { get; init; }
    public int? Respondents { get; init; }
    public decimal[]? Nrr { get; init; }
    public decimal IkmValue { get; init; }
    public int Answers { get; init; }
    public bool IsSample { get; init; }
    public string? EnteredBy { get; init; }

    public IkmCategory Category => Ikm.Category(IkmValue);

    /// <summary>The weakest elements (index 0-8 and NRR), lowest first; empty when only the aggregate was entered.</summary>
    public IReadOnlyList<(int Element, decimal Nrr)> Weakest(int take = 3) => Nrr is { Length: 9 } nrr
        ? new IkmResult(nrr, Respondents ?? 0).WeakestElements(take).Select(i => (i, nrr[i])).ToList()
        : [];

    public string PeriodLabel => Quarter is { } q ? $"{Year} TW {Roman(q)}" : Year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static string Roman(int q) => q switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", _ => q.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}

/// <summary>
/// IKM surveys: an aggregate value per unit and period, nine element averages, or respondent-level answers from
/// CSV/XLSX from which NRR, IKM and category are computed by the Domain rules.
/// </summary>
public sealed class IkmStore(NpgsqlDataSource dataSource)
{
    private const string ListSql = """
        select s.ikm_survey_id as IkmSurveyId, s.agency_id as AgencyId, g.name as AgencyName, s.unit_name as UnitName,
               s.year as Year, s.quarter as Quarter, s.respondents as Respondents, s.nrr as Nrr, s.ikm_value as IkmValue,
               (select count(*)::int from ikm_response r where r.ikm_survey_id = s.ikm_survey_id) as Answers,
               s.is_sample as IsSample, s.entered_by as EnteredBy
        from fact_ikm_survey s
        join dim_agency g on g.agency_id = s.agency_id
        where (@ScopeAgencyId::int is null or s.agency_id = @ScopeAgencyId)
          and (@AgencyId::int is null or s.agency_id = @AgencyId)
          and (@Year::int is null or s.year = @Year)
        order by g.name, s.year desc, s.quarter desc nulls first, s.unit_name
        """;

    /// <summary>Saves an aggregate: either nine NRR (IKM computed) or only the IKM value (25-100).</summary>
    public async Task<ImportResult> SaveAggregateAsync(ViewerScope scope, IkmPeriod period, IReadOnlyList<decimal>? nrr, decimal? ikmValue, int? respondents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (Check(scope, period) is { } refused)
        {
            return refused;
        }

        decimal value;
        decimal[]? elements = null;
        if (nrr is not null)
        {
            try
            {
                var result = Ikm.FromElementAverages(nrr, respondents ?? 0);
                value = result.ValueRounded;
                elements = nrr.ToArray();
            }
            catch (ArgumentException e)
            {
                return ImportResult.Refused("NRR setiap unsur harus 1 sampai 4 (" + e.Message + ").");
            }
        }
        else if (ikmValue is { } v && v is >= 25m and <= 100m)
        {
            value = Math.Round(v, 2, MidpointRounding.AwayFromZero);
        }
        else
        {
            return ImportResult.Refused("Isi NRR kesembilan unsur atau nilai IKM 25-100.");
        }

        if (respondents is < 0)
        {
            return ImportResult.Refused("Jumlah responden tidak boleh negatif.");
        }

        // An aggregate replaces any respondent answers kept for the same survey.
        var changed = await WarehouseDbContext.RetryOnConflictAsync(() => WriteAsync(scope, period, elements, value, respondents, null, null, cancellationToken));
        return new ImportResult(1, changed, [], []);
    }

    public static readonly IReadOnlyList<string> TemplateHeaders =
        ["responden", .. IkmElements.Codes];

    /// <summary>An empty respondent template (U1..U9 with the element names in the second header line as guidance).</summary>
    public static byte[] Template(bool xlsx)
    {
        IReadOnlyList<string> example = ["1", "4", "3", "3", "4", "3", "4", "4", "3", "3"];
        return xlsx ? TabularFile.WriteXlsx("Responden", TemplateHeaders, [example]) : TabularFile.WriteCsv(TemplateHeaders, [example]);
    }

    /// <summary>
    /// Imports respondent answers (columns U1..U9, or the element names; values 1-4, empty = not answered), computes
    /// NRR, IKM and category, and stores the survey with its answers. One bad cell refuses the whole file with its row
    /// and column. Re-importing the same file changes nothing.
    /// </summary>
    public async Task<ImportResult> ImportResponsesAsync(ViewerScope scope, IkmPeriod period, Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (Check(scope, period) is { } refused)
        {
            return refused;
        }

        TabularData data;
        try
        {
            data = TabularFile.Read(content, fileName, "U1", "U9");
        }
        catch (TabularFormatException e)
        {
            return ImportResult.Refused(e.Message);
        }

        var columns = new int[IkmElements.Count];
        var missing = new List<string>();
        for (var e = 0; e < IkmElements.Count; e++)
        {
            columns[e] = data.Column(IkmElements.Codes[e], IkmElements.Names[e]);
            if (columns[e] < 0)
            {
                missing.Add(IkmElements.Codes[e]);
            }
        }

        if (missing.Count > 0)
        {
            return ImportResult.Refused([new ImportError(1, "judul kolom", "Kolom unsur tidak ditemukan: " + string.Join(", ", missing) + ". Gunakan templat U1-U9.")]);
        }

        var errors = new List<ImportError>();
        var answers = new List<short?[]>();
        foreach (var row in data.Rows)
        {
            var a = new short?[IkmElements.Count];
            var ok = true;
            for (var e = 0; e < IkmElements.Count; e++)
            {
                var cell = row[columns[e]];
                if (cell.IsBlank)
                {
                    continue;
                }

                if (NumberCell.TryParse(cell, out var v, out _) && v == decimal.Truncate(v) && v is >= 1m and <= 4m)
                {
                    a[e] = (short)v;
                }
                else
                {
                    errors.Add(new ImportError(row.RowNumber, data.Describe(columns[e]), $"'{cell.Text}' bukan jawaban 1-4."));
                    ok = false;
                }
            }

            if (ok && a.All(x => x is null))
            {
                errors.Add(new ImportError(row.RowNumber, data.Describe(columns[0]), "Responden tanpa jawaban."));
            }

            answers.Add(a);
        }

        if (errors.Count > 0)
        {
            return ImportResult.Refused(errors);
        }

        IkmResult result;
        try
        {
            result = Ikm.FromResponses(answers.Select(a => (IReadOnlyList<int?>)a.Select(x => (int?)x).ToList()));
        }
        catch (ArgumentException e)
        {
            return ImportResult.Refused(e.Message.Contains("no respondents", StringComparison.Ordinal)
                ? "Berkas tanpa responden."
                : "Ada unsur yang tidak dijawab oleh seorang pun responden: " + e.Message);
        }

        var changed = await WarehouseDbContext.RetryOnConflictAsync(() =>
            WriteAsync(scope, period, result.Nrr.ToArray(), result.ValueRounded, result.Respondents, answers, fileName, cancellationToken));
        return new ImportResult(answers.Count, changed, [], []);
    }

    /// <summary>Removes a survey (and its answers) entered by mistake; 1 when removed, 0 when absent or out of scope.</summary>
    public async Task<int> DeleteAsync(ViewerScope scope, long ikmSurveyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.Can(ViewerRights.EnterRealisation))
        {
            return 0;
        }

        await using var db = WarehouseDbContext.Create(dataSource, scope);
        var survey = await db.IkmSurveys.SingleOrDefaultAsync(
            s => s.IkmSurveyId == ikmSurveyId && (scope.AgencyId == null || s.AgencyId == scope.AgencyId), cancellationToken);
        if (survey is null)
        {
            return 0;
        }

        db.IkmSurveys.Remove(survey);
        await db.SaveChangesAsync(cancellationToken);
        return 1;
    }

    public async Task<IReadOnlyList<IkmSurvey>> ListAsync(ViewerScope scope, int? agencyId = null, int? year = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<IkmSurvey>(new CommandDefinition(ListSql,
            new { ScopeAgencyId = scope.AgencyId, AgencyId = agencyId, Year = year }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    private static ImportResult? Check(ViewerScope scope, IkmPeriod period)
    {
        if (IndicatorRealisationStore.Refusal(scope, period.AgencyId) is { } refused)
        {
            return refused;
        }

        if (period.Year is < 2015 or > 2040 || period.Quarter is < 1 or > 4)
        {
            return ImportResult.Refused("Periode tidak sah: tahun 2015-2040, triwulan 1-4 atau kosong (setahun).");
        }

        return null;
    }

    /// <summary>
    /// Stores the survey of a period, writing only what differs: its values, and its respondents' answers when
    /// given (null answers = an aggregate, which replaces any answers kept). Returns 1 when anything changed.
    /// </summary>
    private async Task<int> WriteAsync(ViewerScope scope, IkmPeriod period, decimal[]? nrr, decimal value, int? respondents, IReadOnlyList<short?[]>? answers, string? importFile, CancellationToken cancellationToken)
    {
        await using var db = WarehouseDbContext.Create(dataSource, scope, period.AgencyId);
        var enteredBy = scope.Actor;
        var unit = period.UnitName.Trim();
        var survey = await db.IkmSurveys.Include(s => s.Responses).SingleOrDefaultAsync(
            s => s.AgencyId == period.AgencyId && s.UnitName == unit && s.Year == period.Year && s.Quarter == period.Quarter, cancellationToken);
        var rounded = nrr?.Select(x => Math.Round(x, 4, MidpointRounding.AwayFromZero)).ToArray();
        if (survey is null)
        {
            survey = db.IkmSurveys.Add(new IkmSurveyRow { AgencyId = period.AgencyId, UnitName = unit, Year = period.Year, Quarter = period.Quarter }).Entity;
        }

        var valuesDiffer = survey.IkmSurveyId == 0 || survey.IsSample || survey.IkmValue != value || survey.Respondents != respondents ||
                           !(survey.Nrr ?? []).SequenceEqual(rounded ?? []) || (survey.Nrr is null) != (rounded is null);
        var stored = survey.Responses.OrderBy(r => r.RespondentNo).Select(r => r.Answers).ToList();
        var answersDiffer = answers is null
            ? stored.Count > 0
            : stored.Count != answers.Count || stored.Zip(answers).Any(p => !p.First.SequenceEqual(p.Second));
        if (!valuesDiffer && !answersDiffer)
        {
            return 0;
        }

        if (importFile is not null)
        {
            db.AuditLog.Add(Data.Entities.AuditEntry.Import(scope.Actor, period.AgencyId, importFile, answers?.Count ?? 0));
        }

        (survey.Nrr, survey.IkmValue, survey.Respondents) = (rounded, value, respondents);
        (survey.IsSample, survey.EnteredBy, survey.EnteredAt) = (false, enteredBy, DateTime.UtcNow);
        if (answersDiffer)
        {
            survey.Responses.Clear();
            survey.Responses.AddRange((answers ?? []).Select((a, i) => new IkmResponse { RespondentNo = i + 1, Answers = a }));
        }

        await db.SaveChangesAsync(cancellationToken);
        return 1;
    }
}

/// <summary>Whose survey and when: an agency, an optional service unit ("" = the whole agency), a year and an optional quarter.</summary>
public sealed record IkmPeriod(int AgencyId, string UnitName, int Year, int? Quarter);
