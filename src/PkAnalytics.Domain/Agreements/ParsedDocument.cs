namespace PkAnalytics.Domain.Agreements;

/// <summary>
/// What the document parser extracts from one source document: its agreements and the findings that belong to
/// the document as a whole (unreadable file, text outside any agreement). Produced by PkAnalytics.Documents,
/// consumed by the ETL loader. Fields may be added; the JSON contract (snake_case) is derived from these names.
/// </summary>
public sealed record ParsedDocument(
    string Source,
    string Sha256,
    string Format,
    string? Agency,
    IReadOnlyList<Agreement> Agreements,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>How the document was read (pages, OCR); null for plain text.</summary>
    public DocumentReading? Reading { get; init; }
}

/// <summary>How a paged document was read: its pages, how many were OCR'd (and the seconds per OCR'd page), and
/// how many used an OCR text layer already in the PDF.</summary>
public sealed record DocumentReading(int Pages, int OcrPages, double? OcrSecondsPerPage, int OcrLayerPages);

public enum AgreementKind
{
    Original,
    Amendment,
}

/// <summary>One Perjanjian Kinerja: two parties, Lampiran 1 (indicators and budget) and Lampiran 2 restatements.</summary>
public sealed record Agreement(
    AgreementKind Kind,
    int? Year,
    string? Place,
    SigningDate? Date,
    int Line,
    Party FirstParty,
    Party SecondParty,
    IReadOnlyList<IndicatorTarget> Indicators,
    IReadOnlyList<BudgetLine> Budget,
    IReadOnlyList<ExplanationTarget> ExplanationTargets,
    IReadOnlyList<Finding> Findings);

/// <summary>Name and position as written on the agreement's cover, whitespace collapsed.</summary>
public sealed record Party(string Name, string Position);

/// <summary>A signing date; documents sometimes leave the day blank ("Maret 2024").</summary>
public sealed record SigningDate(int Year, int Month, int? Day)
{
    public override string ToString() =>
        Day is { } d ? $"{Year:D4}-{Month:D2}-{d:D2}" : $"{Year:D4}-{Month:D2}";

    /// <summary>The first day the agreement can be in force: the day, or the first of the month.</summary>
    public DateOnly EffectiveFrom => new(Year, Month, Day ?? 1);
}

/// <summary>A target as written ("20,08%", "BB", "100 dari 110 Organisasi") with its numeric reading.</summary>
public sealed record TargetValue(string Raw, decimal? Value, string? Unit);

public sealed record IndicatorTarget(string Objective, string Indicator, TargetValue Target, int Line);

public enum BudgetLevel
{
    Program,
    Kegiatan,
    SubKegiatan,
}

/// <summary>
/// One budget line of Lampiran 1. Lines are listed in document order; a line's parent is the nearest earlier
/// line of the level above, so the hierarchy needs no explicit links.
/// </summary>
public sealed record BudgetLine(BudgetLevel Level, string Name, decimal Amount, string? Source, int Line);

/// <summary>A target restated in Lampiran 2 (Penjelasan Kinerja).</summary>
public sealed record ExplanationTarget(string Indicator, TargetValue Target, int Line);

public enum FindingSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>An inconsistency or problem the parser found, with the 1-based source line an analyst can check.</summary>
public sealed record Finding(string Code, FindingSeverity Severity, string Message, int Line);
