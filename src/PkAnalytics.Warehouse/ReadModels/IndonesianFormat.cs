using System.Globalization;

namespace PkAnalytics.Warehouse.ReadModels;

/// <summary>
/// Numbers and dates as shown to users (id-ID): `.` groups thousands, `,` is the decimal mark, Rupiah as
/// `Rp 1.234.567` (written out here: the id-ID "C" format drops the space). Pages, exports and reports share it,
/// so a number reads the same everywhere.
/// </summary>
public static class IndonesianFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("id-ID");

    /// <summary>`Rp 1.234.567`; cents only when there are any (`Rp 1.234.567,50`); negative as `-Rp 5.000`.</summary>
    public static string Rupiah(decimal amount)
    {
        var abs = Math.Abs(amount);
        var digits = abs == decimal.Truncate(abs) ? abs.ToString("N0", Culture) : abs.ToString("N2", Culture);
        return (amount < 0 ? "-" : "") + "Rp " + digits;
    }

    public static string Rupiah(decimal? amount, string missing = "-") => amount is { } a ? Rupiah(a) : missing;

    /// <summary>A number with a fixed number of decimals, `1.234,50`; <paramref name="missing"/> when null.</summary>
    public static string Number(decimal? value, int decimals = 2, string missing = "-") =>
        value is { } v ? Math.Round(v, decimals, MidpointRounding.AwayFromZero).ToString("N" + decimals, Culture) : missing;

    public static string Integer(long value) => value.ToString("N0", Culture);

    /// <summary>`85,20%`.</summary>
    public static string Percent(decimal? value, int decimals = 2, string missing = "-") =>
        value is { } v ? Number(v, decimals) + "%" : missing;

    /// <summary>`4 Januari 2024`.</summary>
    public static string Date(DateTime? date, string missing = "-") =>
        date is { } d ? d.ToString("d MMMM yyyy", Culture) : missing;

    /// <summary>`4 Januari 2024`.</summary>
    public static string Date(DateOnly? date, string missing = "-") =>
        date is { } d ? d.ToString("d MMMM yyyy", Culture) : missing;

    /// <summary>
    /// An agreement's date as the document gives it: `4 Januari 2024`, or `Maret 2024` when the document leaves
    /// the day blank (the stored text is then `2024-03`; the effective date, the first of the month, is no
    /// signing day); the stored text itself when it is no date at all.
    /// </summary>
    public static string AgreementDate(DateOnly? effectiveFrom, string? signedOnText, string missing = "-")
    {
        var text = signedOnText?.Trim();
        if (text is { Length: 7 } && text[4] == '-' &&
            System.DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return month.ToString("MMMM yyyy", Culture);
        }

        if (text is { Length: 4 } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return text;
        }

        return effectiveFrom is { } d ? Date(d) : string.IsNullOrWhiteSpace(text) ? missing : text;
    }

    /// <summary>`4 Januari 2024 08.30 WITA` for a local (already converted) time.</summary>
    public static string DateTime(DateTimeOffset local, string zoneAbbreviation = "WITA") =>
        local.ToString("d MMMM yyyy HH.mm", Culture) + " " + zoneAbbreviation;

    /// <summary>The value rounded as shown (<see cref="Number"/>), for exports that must equal the screen.</summary>
    public static decimal? Rounded(decimal? value, int decimals = 2) =>
        value is { } v ? Math.Round(v, decimals, MidpointRounding.AwayFromZero) : null;
}
