namespace PkAnalytics.Reports;

/// <summary>
/// Report settings, bound from the "Reports" configuration section; the PK_* environment variables of README.md
/// override them (<see cref="FromEnvironment"/>).
/// </summary>
public sealed class ReportOptions
{
    public const string SectionName = "Reports";

    /// <summary>IANA time zone for the times a report shows (generated at, data loaded at).</summary>
    public string TimeZone { get; set; } = "Asia/Makassar";

    /// <summary>The dashboard's address as recipients reach it: links to a PDF too large to attach.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5000";

    /// <summary>PDFs larger than this go as a link instead of an attachment (PK_REPORT_MAX_ATTACHMENT_MB).</summary>
    public long MaxAttachmentBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>How long a claimed send belongs to its process; a claim older than this was left by a crash.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The chromium that prints the PDFs (PK_CHROMIUM); Debian's by default. Never downloaded.</summary>
    public string ChromiumPath { get; set; } = Rendering.PdfPrinter.DefaultChromiumPath;

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Applies PK_SMTP_*, PK_TIME_ZONE, PK_PUBLIC_URL, PK_CHROMIUM and PK_REPORT_MAX_ATTACHMENT_MB where set.</summary>
    public ReportOptions FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        string? Get(string name) => read(name) is { Length: > 0 } v ? v : null;
        TimeZone = Get("PK_TIME_ZONE") ?? TimeZone;
        PublicBaseUrl = Get("PK_PUBLIC_URL") ?? PublicBaseUrl;
        ChromiumPath = Get("PK_CHROMIUM") ?? ChromiumPath;
        if (Get("PK_REPORT_MAX_ATTACHMENT_MB") is { } mb && double.TryParse(mb, System.Globalization.CultureInfo.InvariantCulture, out var megabytes))
        {
            MaxAttachmentBytes = (long)(megabytes * 1024 * 1024);
        }

        Smtp.Host = Get("PK_SMTP_HOST") ?? Smtp.Host;
        if (Get("PK_SMTP_PORT") is { } port && int.TryParse(port, out var p))
        {
            Smtp.Port = p;
        }

        Smtp.User = Get("PK_SMTP_USER") ?? Smtp.User;
        Smtp.Password = Get("PK_SMTP_PASSWORD") ?? Smtp.Password;
        Smtp.From = Get("PK_SMTP_FROM") ?? Smtp.From;
        if (Get("PK_SMTP_STARTTLS") is { } tls)
        {
            Smtp.StartTls = tls.ToLowerInvariant() switch
            {
                "always" or "required" or "true" or "1" or "yes" => StartTlsMode.Always,
                "never" or "none" or "false" or "0" or "no" => StartTlsMode.Never,
                "auto" => StartTlsMode.Auto,
                _ => throw new InvalidOperationException($"PK_SMTP_STARTTLS='{tls}': use auto, always or never"),
            };
        }

        return this;
    }
}

public enum StartTlsMode
{
    /// <summary>STARTTLS when the server offers it.</summary>
    Auto,

    /// <summary>STARTTLS or fail.</summary>
    Always,

    /// <summary>Plain SMTP (a local catcher).</summary>
    Never,
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    public StartTlsMode StartTls { get; set; } = StartTlsMode.Auto;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "PkAnalytics <laporan@pkanalytics.localhost>";

    /// <summary>Attempts per message on transient failures (connection refused, 4xx), the first included.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait before the second attempt; doubled before each further one.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
