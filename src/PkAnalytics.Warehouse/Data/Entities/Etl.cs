namespace PkAnalytics.Warehouse.Data.Entities;

/// <summary>A document waiting for the ETL worker (an upload from the dashboard).</summary>
public sealed class InboxEntry
{
    public long InboxId { get; set; }
    public string FileName { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public string Sha256 { get; set; } = "";
    public string? UploadedBy { get; set; }
    public DateTime UploadedAt { get; set; }

    /// <summary>
    /// preview_pending -> previewing -> preview_ready | preview_failed (an upload the worker reads for the page
    /// to show), then pending -> processing -> loaded | duplicate | failed once confirmed; cancelled when dropped.
    /// </summary>
    public string Status { get; set; } = "pending";

    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public int? DocumentId { get; set; }
    public string? Result { get; set; }
    public string? Error { get; set; }

    /// <summary>What the worker read from the document for the upload page (the parsed document as JSON).</summary>
    public string? Preview { get; set; }
}

/// <summary>A document that failed to load, with its error.</summary>
public sealed class QuarantineEntry
{
    public long QuarantineId { get; set; }
    public string SourcePath { get; set; } = "";
    public string? Sha256 { get; set; }
    public string Error { get; set; } = "";
    public DateTime FailedAt { get; set; }
}
