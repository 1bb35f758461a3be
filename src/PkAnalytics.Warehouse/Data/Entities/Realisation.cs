namespace PkAnalytics.Warehouse.Data.Entities;

// What happened, entered by people through the dashboard (forms and imports) or written as sample data.

/// <summary>Grain: indicator x year x quarter (the value reported for that quarter).</summary>
public sealed class IndicatorRealisation
{
    public int IndicatorId { get; set; }
    public int Year { get; set; }
    public int Quarter { get; set; }
    public decimal Value { get; set; }
    public string? Note { get; set; }
    public bool IsSample { get; set; }
    public string? EnteredBy { get; set; }
    public DateTime EnteredAt { get; set; }
}

/// <summary>Grain: agency x budget line (conformed program node) x year x month.</summary>
public sealed class BudgetRealisation
{
    public int AgencyId { get; set; }
    public int ProgramId { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public decimal Amount { get; set; }
    public bool IsSample { get; set; }
    public string? EnteredBy { get; set; }
    public DateTime EnteredAt { get; set; }
}

/// <summary>Grain: agency x evaluation year; component maxima per PermenPANRB 88/2021, total computed by the database.</summary>
public sealed class SakipEvaluationRow
{
    public int AgencyId { get; set; }
    public int Year { get; set; }
    public decimal Perencanaan { get; set; }
    public decimal Pengukuran { get; set; }
    public decimal Pelaporan { get; set; }
    public decimal Evaluasi { get; set; }
    /// <summary>Computed by the database (a stored generated column).</summary>
    public decimal? Total { get; private set; }
    public bool IsSample { get; set; }
    public string? EnteredBy { get; set; }
    public DateTime EnteredAt { get; set; }
}

/// <summary>Grain: agency x service unit x year x period (quarter, or null for the whole year).</summary>
public sealed class IkmSurvey
{
    public long IkmSurveyId { get; set; }
    public int AgencyId { get; set; }
    public string UnitName { get; set; } = "";
    public int Year { get; set; }
    public int? Quarter { get; set; }
    public int? Respondents { get; set; }

    /// <summary>Nine element averages (NRR, 1-4), or null when only the aggregate value was entered.</summary>
    public decimal[]? Nrr { get; set; }

    public decimal IkmValue { get; set; }
    public bool IsSample { get; set; }
    public string? EnteredBy { get; set; }
    public DateTime EnteredAt { get; set; }
    public List<IkmResponse> Responses { get; } = [];
}

/// <summary>One respondent's answers (U1..U9, 1-4) behind a survey's NRR.</summary>
public sealed class IkmResponse
{
    public long IkmSurveyId { get; set; }
    public int RespondentNo { get; set; }
    /// <summary>Null = the element was not answered.</summary>
    public short?[] Answers { get; set; } = [];
}

/// <summary>One capaian band of a set in force from its date; min null = the open lowest band.</summary>
public sealed class CapaianBandRow
{
    public DateOnly EffectiveFrom { get; set; }
    public string Name { get; set; } = "";
    public decimal? MinInclusive { get; set; }
}

/// <summary>A change of an indicator setting or a capaian band set: who, when, old and new.</summary>
public sealed class SettingsAudit
{
    public long AuditId { get; set; }
    public string Entity { get; set; } = "";
    public string EntityKey { get; set; } = "";
    public string Field { get; set; } = "";
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public string ChangedBy { get; set; } = "";
    public DateTime ChangedAt { get; set; }
}

/// <summary>An override of the indicator classification rules by normalised name; agency null = every agency.</summary>
public sealed class ClassificationOverride
{
    public int OverrideId { get; set; }
    public int? AgencyId { get; set; }
    public string NormalizedName { get; set; } = "";
    public string? Category { get; set; }
    public string? Polarity { get; set; }
    public string? Aggregation { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
}
