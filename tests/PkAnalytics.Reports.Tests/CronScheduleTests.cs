using PkAnalytics.Reports.Model;
using PkAnalytics.Reports.Scheduling;

namespace PkAnalytics.Reports.Tests;

public sealed class CronScheduleTests
{
    private static readonly CronSchedule Monthly = CronSchedule.Parse("0 7 1 * *", "Asia/Makassar");

    [Fact]
    public void Monthly_LastOccurrence_IsDayOneSevenWita()
    {
        var last = Monthly.LastOccurrence(new DateTimeOffset(2024, 7, 15, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.MinValue.AddYears(2000));
        Assert.Equal(new DateTimeOffset(2024, 6, 30, 23, 0, 0, TimeSpan.Zero), last);
        Assert.Equal(new ReportPeriod(2024, 6), ReportPeriod.Before(TimeZoneInfo.ConvertTime(last!.Value, Monthly.Zone).DateTime));
    }

    [Fact]
    public void Monthly_AtTheMinuteItself_CountsAsOccurred_AndTheFloorExcludesEarlierRuns()
    {
        var at = new DateTimeOffset(2024, 6, 30, 23, 0, 0, TimeSpan.Zero);
        Assert.Equal(at, Monthly.LastOccurrence(at, at.AddDays(-40)));
        Assert.Null(Monthly.LastOccurrence(at.AddMinutes(5), at.AddMinutes(1)));
        Assert.Equal(new DateTimeOffset(2024, 7, 31, 23, 0, 0, TimeSpan.Zero), Monthly.NextOccurrence(at));
    }

    [Fact]
    public void WeekdayRangesStepsAndNames()
    {
        var schedule = CronSchedule.Parse("*/15 8-10 * * MON-FRI", "UTC");
        Assert.True(schedule.Matches(new DateTime(2024, 6, 3, 8, 45, 0)));  // Monday
        Assert.False(schedule.Matches(new DateTime(2024, 6, 2, 8, 45, 0))); // Sunday
        Assert.False(schedule.Matches(new DateTime(2024, 6, 3, 8, 40, 0)));
        Assert.False(schedule.Matches(new DateTime(2024, 6, 3, 11, 0, 0)));
    }

    [Theory]
    [InlineData("0 7 1 *", "Asia/Makassar", "5 bagian")]
    [InlineData("0 25 1 * *", "Asia/Makassar", "bukan nilai 0-23")]
    [InlineData("0 7 1 * *", "Asia/Makasar", "Zona waktu")]
    [InlineData("0 7 1/0 * *", "Asia/Makassar", "langkah")]
    public void Invalid_SaysWhatIsWrongInIndonesian(string cron, string zone, string expected) =>
        Assert.Contains(expected, CronSchedule.Validate(cron, zone));

    [Theory]
    [InlineData("2024-06", 2024, 6)]
    [InlineData("2025-12", 2025, 12)]
    public void Period_Parses(string text, int year, int month) => Assert.Equal(new ReportPeriod(year, month), ReportPeriod.Parse(text));

    [Theory]
    [InlineData("2024-13")]
    [InlineData("2024-6")]
    [InlineData("Juni 2024")]
    public void Period_Invalid_Throws(string text) => Assert.Throws<FormatException>(() => ReportPeriod.Parse(text));

    [Fact]
    public void Period_Before_JanuaryIsTheDecemberBefore() => Assert.Equal(new ReportPeriod(2023, 12), ReportPeriod.Before(new DateTime(2024, 1, 1, 7, 0, 0)));
}
