namespace PkAnalytics.Warehouse.Inbox;

/// <summary>The states of an inbox item (column etl_inbox.status).</summary>
public static class InboxStatuses
{
    public const string PreviewPending = "preview_pending";
    public const string Previewing = "previewing";
    public const string PreviewReady = "preview_ready";
    public const string PreviewFailed = "preview_failed";
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Loaded = "loaded";
    public const string Duplicate = "duplicate";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static string[] All { get; } =
        [PreviewPending, Previewing, PreviewReady, PreviewFailed, Pending, Processing, Loaded, Duplicate, Failed, Cancelled];
}
