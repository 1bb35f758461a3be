namespace PkAnalytics.Warehouse.Data.Entities;

// Scheduled reports (issue 11): who gets which report when, and what was sent to whom.

/// <summary>
/// A report subscription: a Laporan Kabupaten or a Laporan OPD (one agency), sent on a cron schedule in its own
/// time zone to its recipients. Each run covers the calendar month before the run's month.
/// </summary>
public sealed class ReportSubscription
{
    public const string KindKabupaten = "kabupaten";
    public const string KindOpd = "opd";
    public const string DefaultCron = "0 7 1 * *";
    public const string DefaultTimeZone = "Asia/Makassar";

    public int SubscriptionId { get; set; }

    /// <summary><see cref="KindKabupaten"/> or <see cref="KindOpd"/>.</summary>
    public string Kind { get; set; } = KindKabupaten;

    /// <summary>The agency of a Laporan OPD; null for a Laporan Kabupaten.</summary>
    public int? AgencyId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Five-field cron (minute hour day month weekday), read in <see cref="TimeZone"/>.</summary>
    public string Cron { get; set; } = DefaultCron;

    /// <summary>IANA time zone id of the schedule.</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    public bool Active { get; set; } = true;
    public string? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<ReportRecipient> Recipients { get; set; } = [];
}

/// <summary>
/// A recipient of a subscription: an e-mail address and the role it reads as (PkRoles); an Operator reads one
/// agency. <see cref="UserId"/> is reserved for linking an account once accounts exist (no foreign key yet).
/// </summary>
public sealed class ReportRecipient
{
    public int RecipientId { get; set; }
    public int SubscriptionId { get; set; }
    public string Email { get; set; } = "";
    public string? DisplayName { get; set; }

    /// <summary>A PkRoles name: Admin, Pimpinan, Bappeda or Operator.</summary>
    public string Role { get; set; } = "";

    /// <summary>The agency an Operator reads; null for the roles that read every agency.</summary>
    public int? AgencyId { get; set; }

    /// <summary>The account this recipient stands for, once accounts exist (AspNetUsers.Id); no foreign key yet.</summary>
    public string? UserId { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One report for one recipient of one subscription and period: the claim that makes a send happen once (unique
/// subscription x period x recipient) and its log (status, attempts, the server's answer).
/// </summary>
public sealed class ReportDelivery
{
    public const string StatusClaimed = "claimed";
    public const string StatusSending = "sending";
    public const string StatusSent = "sent";
    public const string StatusFailed = "failed";
    public const string StatusRefused = "refused";

    public long DeliveryId { get; set; }
    public int SubscriptionId { get; set; }

    /// <summary>The month reported, `YYYY-MM`.</summary>
    public string Period { get; set; } = "";

    public int? RecipientId { get; set; }

    /// <summary>The address and scope at the time of the send (the recipient row may change later).</summary>
    public string Email { get; set; } = "";
    public string Role { get; set; } = "";
    public int? ScopeAgencyId { get; set; }

    /// <summary>claimed | sending | sent | failed | refused.</summary>
    public string Status { get; set; } = StatusClaimed;

    /// <summary>schedule | manual | catch-up.</summary>
    public string Trigger { get; set; } = "schedule";

    public int Attempts { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime ClaimedAt { get; set; }

    /// <summary>A claim left by a process that died is taken over after this instant.</summary>
    public DateTime LeaseUntil { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>attachment | link (the PDF was over the size limit).</summary>
    public string? DeliveredAs { get; set; }

    public int? PdfBytes { get; set; }
    public string? MessageId { get; set; }

    /// <summary>Why it was refused, or the server's last answer on a failure.</summary>
    public string? Detail { get; set; }
}
