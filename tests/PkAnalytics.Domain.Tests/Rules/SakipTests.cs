using PkAnalytics.Domain.Rules;

namespace PkAnalytics.Domain.Tests.Rules;

public sealed class SakipTests
{
    [Theory]
    [InlineData("100", "AA")]
    [InlineData("90.01", "AA")]
    [InlineData("90", "A")]
    [InlineData("90.00", "A")]
    [InlineData("80.01", "A")]
    [InlineData("80", "BB")]
    [InlineData("70.01", "BB")]
    [InlineData("70", "B")]
    [InlineData("60.01", "B")]
    [InlineData("60", "CC")]
    [InlineData("50.01", "CC")]
    [InlineData("50", "C")]
    [InlineData("30.01", "C")]
    [InlineData("30", "D")]
    [InlineData("0", "D")]
    public void Predicate_AtEdges(string total, string predicate) =>
        Assert.Equal(predicate, Sakip.Predicate(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Predicate_90PlusRoundingNoise_IsA() => Assert.Equal("A", Sakip.Predicate(90.004m));

    // The rule takes the total at 2 decimals, half away from zero (as published): 90,005 is 90,01, so AA; banker's
    // rounding would make it 90,00 and A.
    [Theory]
    [InlineData("90.005", "AA")]
    [InlineData("80.005", "A")]
    [InlineData("70.005", "BB")]
    [InlineData("80.0049", "BB")]
    public void Predicate_HalfWayAtTheThirdDecimal_RoundsAwayFromZero(string total, string predicate) =>
        Assert.Equal(predicate, Sakip.Predicate(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(30, 0, 0, 0)]
    [InlineData(0, 30, 0, 0)]
    [InlineData(0, 0, 15, 0)]
    [InlineData(0, 0, 0, 25)]
    [InlineData(0, 0, 0, 0)]
    public void Validate_EachComponentAtItsMaximumOrZero_IsValid(int perencanaan, int pengukuran, int pelaporan, int evaluasi) =>
        Assert.Empty(new SakipScore(perencanaan, pengukuran, pelaporan, evaluasi).Validate());

    [Theory]
    [InlineData("30.01", "0", "0", "0")]
    [InlineData("0", "30.01", "0", "0")]
    [InlineData("0", "0", "15.01", "0")]
    [InlineData("0", "0", "0", "25.01")]
    public void Validate_EachComponentJustAboveItsMaximum_IsError(string perencanaan, string pengukuran, string pelaporan, string evaluasi)
    {
        static decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Single(new SakipScore(D(perencanaan), D(pengukuran), D(pelaporan), D(evaluasi)).Validate());
    }

    [Fact]
    public void Predicate_Exactly100_IsAA_AndBelowZero_Throws()
    {
        Assert.Equal("AA", Sakip.Predicate(100m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sakip.Predicate(-0.01m));
    }

    [Fact]
    public void Dukcapil_81_10_IsA()
    {
        var score = new SakipScore(25.50m, 24.00m, 11.85m, 19.75m);
        Assert.Equal(81.10m, score.Total);
        Assert.Equal("A", score.Predicate);
        Assert.Empty(score.Validate());
    }

    [Fact]
    public void Validate_ComponentAboveMaximum_NamesComponent()
    {
        var errors = new SakipScore(30m, 30.5m, 15m, 26m).Validate();
        Assert.Equal(2, errors.Count);
        Assert.Contains("Pengukuran Kinerja", errors[0]);
        Assert.Contains("Evaluasi Akuntabilitas Kinerja Internal", errors[1]);
    }

    [Fact]
    public void Validate_NegativeComponent_IsError() =>
        Assert.Single(new SakipScore(-1m, 0m, 0m, 0m).Validate());

    [Fact]
    public void Validate_AllAtMaximum_IsValidAndTotals100()
    {
        var score = new SakipScore(30m, 30m, 15m, 25m);
        Assert.Empty(score.Validate());
        Assert.Equal(100m, score.Total);
        Assert.Equal("AA", score.Predicate);
    }

    [Fact]
    public void Predicate_Above100_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => Sakip.Predicate(100.01m));
}
