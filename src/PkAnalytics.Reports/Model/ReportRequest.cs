using System.Globalization;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Reports.Model;

public enum ReportKind
{
    /// <summary>Laporan Kabupaten: the regency, for Pimpinan and Bappeda.</summary>
    Kabupaten,

    /// <summary>Laporan OPD: one agency, for its head and operators.</summary>
    Opd,
}

public static class ReportKinds
{
    public static ReportKind Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        ReportSubscription.KindKabupaten => ReportKind.Kabupaten,
        ReportSubscription.KindOpd => ReportKind.Opd,
        _ => throw new FormatException($"jenis laporan '{text}' tidak dikenal: gunakan kabupaten atau opd"),
    };

    public static string Code(this ReportKind kind) => kind == ReportKind.Kabupaten ? ReportSubscription.KindKabupaten : ReportSubscription.KindOpd;

    public static string Label(this ReportKind kind) => kind == ReportKind.Kabupaten ? "Laporan Kabupaten" : "Laporan OPD";
}

/// <summary>A calendar month, the period a report covers: `2024-06`.</summary>
public readonly record struct ReportPeriod(int Year, int Month) : IComparable<ReportPeriod>
{
    public static ReportPeriod Parse(string text)
    {
        if (text is { Length: 7 } && text[4] == '-' &&
            int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) &&
            int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) &&
            year is >= 2000 and <= 2999 && month is >= 1 and <= 12)
        {
            return new ReportPeriod(year, month);
        }

        throw new FormatException($"periode '{text}' tidak dikenal: tulis YYYY-MM, misalnya 2024-06");
    }

    public static bool TryParse(string? text, out ReportPeriod period)
    {
        try
        {
            period = Parse(text ?? "");
            return true;
        }
        catch (FormatException)
        {
            period = default;
            return false;
        }
    }

    /// <summary>The month before the one <paramref name="localDate"/> falls in: what a run on that day reports.</summary>
    public static ReportPeriod Before(DateTime localDate) => new ReportPeriod(localDate.Year, localDate.Month).Previous;

    public ReportPeriod Previous => Month == 1 ? new(Year - 1, 12) : new(Year, Month - 1);

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    /// <summary>`Juni 2024`.</summary>
    public string Label => FirstDay.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("id-ID"));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    public int CompareTo(ReportPeriod other) => (Year, Month).CompareTo((other.Year, other.Month));
}

/// <summary>Which report: the kind, the agency of a Laporan OPD, and the month.</summary>
public sealed record ReportRequest(ReportKind Kind, int? AgencyId, ReportPeriod Period)
{
    public static ReportRequest Kabupaten(ReportPeriod period) => new(ReportKind.Kabupaten, null, period);

    public static ReportRequest Opd(int agencyId, ReportPeriod period) => new(ReportKind.Opd, agencyId, period);

    public void Validate()
    {
        if (Kind == ReportKind.Opd && AgencyId is null)
        {
            throw new ArgumentException("Laporan OPD perlu --agency (id perangkat daerah).");
        }

        if (Kind == ReportKind.Kabupaten && AgencyId is not null)
        {
            throw new ArgumentException("Laporan Kabupaten tidak memakai --agency.");
        }
    }

    /// <summary>A file name such as `laporan-kabupaten-2024-06.pdf` or `laporan-opd-12-2024-06.pdf`.</summary>
    public string FileName => Kind == ReportKind.Kabupaten
        ? $"laporan-kabupaten-{Period}.pdf"
        : $"laporan-opd-{AgencyId}-{Period}.pdf";
}
