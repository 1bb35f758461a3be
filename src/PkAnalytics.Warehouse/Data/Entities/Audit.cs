namespace PkAnalytics.Warehouse.Data.Entities;

/// <summary>
/// One thing that happened: a login (or a failed one), an upload, an import, a change of realisation, settings or
/// accounts (with old and new value), a report sent. Written in the same transaction as the change it records.
/// </summary>
public sealed class AuditEntry
{
    public long AuditEntryId { get; set; }
    public DateTime At { get; set; }

    /// <summary>Who: the account's e-mail, "system" for the command line, or what was typed at a failed login.</summary>
    public string Actor { get; set; } = "";

    /// <summary>See <see cref="AuditKinds"/>.</summary>
    public string Kind { get; set; } = "";

    public int? AgencyId { get; set; }

    /// <summary>What it concerns, in words ("Realisasi indikator 12, 2024 TW II").</summary>
    public string Subject { get; set; } = "";

    public string? OldValue { get; set; }
    public string? NewValue { get; set; }

    /// <summary>The client's IP address, where there is one.</summary>
    public string? Address { get; set; }

    /// <summary>An import of a file: which file and how many rows it held (the rows themselves are audited one by one).</summary>
    public static AuditEntry Import(string actor, int? agencyId, string fileName, int rows) => new()
    {
        At = DateTime.UtcNow, Actor = actor, Kind = AuditKinds.Import, AgencyId = agencyId,
        Subject = $"Impor berkas {fileName}", NewValue = $"{rows} baris",
    };
}

public static class AuditKinds
{
    public const string LoginSucceeded = "login";
    public const string LoginFailed = "login_failed";
    public const string Logout = "logout";
    public const string Upload = "upload";
    public const string Import = "import";
    public const string Realisation = "realisation";
    public const string Settings = "settings";
    public const string Account = "account";
    public const string ReportSent = "report_sent";

    public static IReadOnlyList<string> All { get; } = [LoginSucceeded, LoginFailed, Logout, Upload, Import, Realisation, Settings, Account, ReportSent];
}
