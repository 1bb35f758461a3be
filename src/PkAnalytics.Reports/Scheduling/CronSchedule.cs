using System.Globalization;

namespace PkAnalytics.Reports.Scheduling;

/// <summary>
/// A five-field cron expression (minute hour day-of-month month day-of-week; `*`, lists, ranges, steps, month and
/// weekday names) read in a time zone. Hangfire runs the schedule; this class validates what people type and finds
/// the last occurrence before now, so a run missed while every process was down is sent at the next start.
/// </summary>
public sealed class CronSchedule
{
    private readonly bool[] minutes = new bool[60];
    private readonly bool[] hours = new bool[24];
    private readonly bool[] days = new bool[32];
    private readonly bool[] months = new bool[13];
    private readonly bool[] weekdays = new bool[7];
    private readonly bool dayRestricted;
    private readonly bool weekdayRestricted;

    private CronSchedule(string expression, TimeZoneInfo zone)
    {
        Expression = expression;
        Zone = zone;
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            throw new FormatException($"Jadwal cron '{expression}' harus berisi 5 bagian: menit jam tanggal bulan hari (contoh: 0 7 1 * *).");
        }

        Fill(fields[0], minutes, 0, 59, null, "menit");
        Fill(fields[1], hours, 0, 23, null, "jam");
        dayRestricted = Fill(fields[2], days, 1, 31, null, "tanggal");
        Fill(fields[3], months, 1, 12, MonthNames, "bulan");
        var weekdayValues = new bool[8];
        weekdayRestricted = Fill(fields[4], weekdayValues, 0, 7, DayNames, "hari");
        for (var i = 0; i < 7; i++)
        {
            weekdays[i] = weekdayValues[i] || (i == 0 && weekdayValues[7]);
        }
    }

    public string Expression { get; }

    public TimeZoneInfo Zone { get; }

    public static CronSchedule Parse(string expression, string timeZone)
    {
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new FormatException($"Zona waktu '{timeZone}' tidak dikenal (contoh: Asia/Makassar).");
        }

        return new CronSchedule((expression ?? "").Trim(), zone);
    }

    /// <summary>Null when valid; otherwise the message for the user.</summary>
    public static string? Validate(string expression, string timeZone)
    {
        try
        {
            Parse(expression, timeZone);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    public bool Matches(DateTime local)
    {
        if (!minutes[local.Minute] || !hours[local.Hour] || !months[local.Month])
        {
            return false;
        }

        var dayOk = days[local.Day];
        var weekdayOk = weekdays[(int)local.DayOfWeek];
        // Standard cron: when both day fields are restricted, either one matching is enough.
        return dayRestricted && weekdayRestricted ? dayOk || weekdayOk : dayOk && weekdayOk;
    }

    /// <summary>The latest occurrence at or before <paramref name="utcNow"/> and after <paramref name="notBeforeUtc"/>, as UTC.</summary>
    public DateTimeOffset? LastOccurrence(DateTimeOffset utcNow, DateTimeOffset notBeforeUtc)
    {
        var local = TimeZoneInfo.ConvertTime(utcNow, Zone).DateTime;
        var cursor = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
        var floor = TimeZoneInfo.ConvertTime(notBeforeUtc, Zone).DateTime;
        while (cursor > floor)
        {
            if (!months[cursor.Month] || !DayMatches(cursor))
            {
                cursor = cursor.Date.AddMinutes(-1); // the last minute of the day before
                continue;
            }

            if (!hours[cursor.Hour])
            {
                cursor = cursor.Date.AddHours(cursor.Hour).AddMinutes(-1);
                continue;
            }

            if (minutes[cursor.Minute] && !Zone.IsInvalidTime(cursor))
            {
                return new DateTimeOffset(cursor, Zone.GetUtcOffset(cursor)).ToUniversalTime();
            }

            cursor = cursor.AddMinutes(-1);
        }

        return null;
    }

    /// <summary>The next occurrence after <paramref name="utcNow"/> (within five years), as UTC.</summary>
    public DateTimeOffset? NextOccurrence(DateTimeOffset utcNow)
    {
        var local = TimeZoneInfo.ConvertTime(utcNow, Zone).DateTime;
        var cursor = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        var limit = cursor.AddYears(5);
        while (cursor < limit)
        {
            if (!months[cursor.Month] || !DayMatches(cursor))
            {
                cursor = cursor.Date.AddDays(1);
                continue;
            }

            if (!hours[cursor.Hour])
            {
                cursor = cursor.Date.AddHours(cursor.Hour + 1);
                continue;
            }

            if (minutes[cursor.Minute] && !Zone.IsInvalidTime(cursor))
            {
                return new DateTimeOffset(cursor, Zone.GetUtcOffset(cursor)).ToUniversalTime();
            }

            cursor = cursor.AddMinutes(1);
        }

        return null;
    }

    private bool DayMatches(DateTime local)
    {
        var dayOk = days[local.Day];
        var weekdayOk = weekdays[(int)local.DayOfWeek];
        return dayRestricted && weekdayRestricted ? dayOk || weekdayOk : dayOk && weekdayOk;
    }

    private static readonly string[] MonthNames = ["", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>Marks the values of one field; returns whether the field restricts anything (is not `*`).</summary>
    private static bool Fill(string field, bool[] values, int min, int max, string[]? names, string what)
    {
        var restricted = !(field == "*" || field == "?");
        foreach (var part in field.Split(','))
        {
            var step = 1;
            var range = part;
            var slash = part.IndexOf('/');
            if (slash >= 0)
            {
                if (!int.TryParse(part[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
                {
                    throw new FormatException($"Bagian {what} '{field}': langkah setelah / harus bilangan bulat positif.");
                }

                range = part[..slash];
            }

            int from, to;
            if (range is "*" or "?")
            {
                (from, to) = (min, max);
            }
            else if (range.Split('-') is [var a, var b])
            {
                from = Value(a, min, max, names, what, field);
                to = Value(b, min, max, names, what, field);
            }
            else
            {
                from = Value(range, min, max, names, what, field);
                to = slash >= 0 ? max : from;
            }

            if (from > to)
            {
                throw new FormatException($"Bagian {what} '{field}': rentang terbalik.");
            }

            for (var v = from; v <= to; v += step)
            {
                values[v] = true;
            }
        }

        return restricted;
    }

    private static int Value(string text, int min, int max, string[]? names, string what, string field)
    {
        if (names is not null)
        {
            var index = Array.IndexOf(names, text.ToUpperInvariant());
            if (index >= 0)
            {
                return index;
            }
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new FormatException($"Bagian {what} '{field}': '{text}' bukan nilai {min}-{max}.");
        }

        return value;
    }
}
