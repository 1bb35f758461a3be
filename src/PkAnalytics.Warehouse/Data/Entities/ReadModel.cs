namespace PkAnalytics.Warehouse.Data.Entities;

// The dashboard's precomputed read model (rm_*), rebuilt by DashboardReadModelRefresher with SQL. EF owns the
// tables' shape only; rm_agency_document has no key (its agency may be null) and stays in raw SQL.

public sealed class RmIndicatorYear
{
    public int Year { get; set; }
    public int IndicatorId { get; set; }
    public int AgencyId { get; set; }
    public string Category { get; set; } = "";
    public decimal? TargetValue { get; set; }
    public decimal? Realisation { get; set; }
    public decimal? Capaian { get; set; }
    public string? Band { get; set; }
    public bool IsSample { get; set; }
}

public sealed class RmAgencyProgramYear
{
    public int Year { get; set; }
    public int AgencyId { get; set; }
    public int ProgramId { get; set; }
    public decimal Amount { get; set; }
    public decimal Realised { get; set; }
    public bool IsSample { get; set; }
}

public sealed class RmAgencyYear
{
    public int Year { get; set; }
    public int AgencyId { get; set; }
    public int Agreements { get; set; }
    public decimal? SakipTarget { get; set; }
    public decimal? IkmTarget { get; set; }
    public DateTime? LastRealisationAt { get; set; }
    public int Indicators { get; set; }
    public int WithCapaian { get; set; }
    public decimal? CapaianSum { get; set; }
    public bool IndicatorIsSample { get; set; }
    public decimal Budget { get; set; }
    public decimal BudgetRealised { get; set; }
    public bool BudgetIsSample { get; set; }
}

public sealed class RmAgencyBand
{
    public int Year { get; set; }
    public int AgencyId { get; set; }
    public string Band { get; set; } = "";
    public int Indicators { get; set; }
}

public sealed class RmState
{
    public string Name { get; set; } = "";
    public DateTime RefreshedAt { get; set; }
    public int TookMs { get; set; }
}

/// <summary>One statement that changed what the read model is built from (appended by triggers).</summary>
public sealed class RmChange
{
    public long ChangeId { get; set; }
    public string TableName { get; set; } = "";
    public DateTime ChangedAt { get; set; }
}
