namespace PkAnalytics.Warehouse.Data.Entities;

// One Perjanjian Kinerja version and its Lampiran rows, as the document loader writes them.

public sealed class AgreementRow
{
    public int AgreementId { get; set; }
    public int DocumentId { get; set; }
    public int Seq { get; set; }
    public int? AgencyId { get; set; }

    /// <summary>original | amendment.</summary>
    public string Kind { get; set; } = "original";

    public int? Year { get; set; }
    public string? Place { get; set; }
    public string? SignedOnText { get; set; }
    public DateOnly? EffectiveFrom { get; set; }
    public int? PositionId { get; set; }
    public int? OfficialId { get; set; }
    public int? SuperiorPositionId { get; set; }
    public int? SuperiorOfficialId { get; set; }

    /// <summary>The parties' names and positions as this agreement writes them (the dimensions keep one spelling).</summary>
    public string? FirstPartyName { get; set; }
    public string? FirstPartyTitle { get; set; }
    public string? SecondPartyName { get; set; }
    public string? SecondPartyTitle { get; set; }
    public int Line { get; set; }
}

/// <summary>Grain: agreement version x indicator row of Lampiran 1.</summary>
public sealed class IndicatorTargetFact
{
    public int AgreementId { get; set; }
    public int Seq { get; set; }
    public int IndicatorId { get; set; }
    public string Objective { get; set; } = "";
    public string TargetRaw { get; set; } = "";
    public decimal? TargetValue { get; set; }
    public string? TargetUnit { get; set; }
    public int DocumentId { get; set; }
    public int Line { get; set; }
}

/// <summary>Grain: agreement version x budget line of Lampiran 1.</summary>
public sealed class BudgetAllocationFact
{
    public int AgreementId { get; set; }
    public int Seq { get; set; }
    public int ProgramId { get; set; }
    public string Level { get; set; } = "program";
    public decimal Amount { get; set; }
    public string? FundingSource { get; set; }
    public int DocumentId { get; set; }
    public int Line { get; set; }
}

/// <summary>A target restated in Lampiran 2, kept for the traceability of target_mismatch findings.</summary>
public sealed class ExplanationTargetRow
{
    public int AgreementId { get; set; }
    public int Seq { get; set; }
    public string IndicatorText { get; set; } = "";
    public string TargetRaw { get; set; } = "";
    public decimal? TargetValue { get; set; }
    public string? TargetUnit { get; set; }
    public int Line { get; set; }
}

public sealed class FindingRow
{
    public long FindingId { get; set; }
    public int DocumentId { get; set; }
    public int? AgreementId { get; set; }
    public string Code { get; set; } = "";
    public string Severity { get; set; } = "info";
    public string Message { get; set; } = "";
    public int Line { get; set; }
}
