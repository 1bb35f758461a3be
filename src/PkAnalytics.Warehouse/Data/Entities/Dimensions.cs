namespace PkAnalytics.Warehouse.Data.Entities;

// The star schema's dimensions. The document loader writes them with binary COPY and SQL; EF owns their shape.

public sealed class Agency
{
    public int AgencyId { get; set; }
    public string Name { get; set; } = "";
    public string NormalizedName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

public sealed class Official
{
    public int OfficialId { get; set; }
    public string Name { get; set; } = "";
    public string NormalizedName { get; set; } = "";
}

/// <summary>A position inside an agency, or the regency's own (the Bupati: no agency).</summary>
public sealed class Position
{
    public int PositionId { get; set; }
    public int? AgencyId { get; set; }
    public string Title { get; set; } = "";
    public string NormalizedTitle { get; set; } = "";

    /// <summary>bupati | eselon_ii | eselon_iii | eselon_iv | staff | unknown.</summary>
    public string Level { get; set; } = "unknown";

    public int? SuperiorPositionId { get; set; }
}

/// <summary>Indicators are per agency: the same wording in two agencies is two indicators.</summary>
public sealed class Indicator
{
    public int IndicatorId { get; set; }
    public int AgencyId { get; set; }
    public string Name { get; set; } = "";
    public string NormalizedName { get; set; } = "";
    public string? Unit { get; set; }
    public string Polarity { get; set; } = "higher_is_better";
    public string Aggregation { get; set; } = "nilai_akhir";
    public string Category { get; set; } = "other";

    /// <summary>rule | override | manual: where category, polarity and aggregation came from.</summary>
    public string ClassificationSource { get; set; } = "rule";
}

/// <summary>A program, kegiatan or sub kegiatan, conformed across agencies by normalised name.</summary>
public sealed class Program
{
    public int ProgramId { get; set; }
    public string Level { get; set; } = "program";
    public string Name { get; set; } = "";
    public string NormalizedName { get; set; } = "";
    public int? ParentProgramId { get; set; }
}

/// <summary>Calendar: a year (quarter and month null), a quarter (month null) or a month.</summary>
public sealed class Period
{
    public int PeriodId { get; set; }
    public int Year { get; set; }
    public int? Quarter { get; set; }
    public int? Month { get; set; }
}

public sealed class SourceDocument
{
    public int DocumentId { get; set; }
    public string FileName { get; set; } = "";
    public string SourcePath { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public string Format { get; set; } = "";
    public int? AgencyId { get; set; }
    public long SizeBytes { get; set; }
    public int LineCount { get; set; }
    public DateTime LoadedAt { get; set; }
    public int AgreementCount { get; set; }
    public int ParserFindingCount { get; set; }
}
