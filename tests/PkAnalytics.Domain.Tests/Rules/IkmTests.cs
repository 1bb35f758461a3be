using PkAnalytics.Domain.Rules;

namespace PkAnalytics.Domain.Tests.Rules;

public sealed class IkmTests
{
    [Theory]
    [InlineData("100", "A")]
    [InlineData("88.31", "A")]
    [InlineData("88.305", "A")]
    [InlineData("88.30", "B")]
    [InlineData("88.304", "B")]
    [InlineData("76.61", "B")]
    [InlineData("76.60", "C")]
    [InlineData("65.00", "C")]
    [InlineData("64.995", "C")]
    [InlineData("64.99", "D")]
    [InlineData("25", "D")]
    public void Category_AtEdges_OnValueRoundedTo2Decimals(string value, string category) =>
        Assert.Equal(category, Ikm.Category(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).Code);

    [Fact]
    public void Dukcapil_3_253_Is81_33_B()
    {
        Assert.Equal(81.325m, Ikm.Convert(3.253m));
        var result = Ikm.FromElementAverages(Enumerable.Repeat(3.253m, 9).ToList(), 100);
        Assert.Equal(81.33m, result.ValueRounded);
        Assert.Equal("B", Ikm.CategoryOfUnitValue(3.253m).Code);
        Assert.Equal("Baik", result.Category.Name);
    }

    [Fact]
    public void FromResponses_HandComputedExample()
    {
        // Four respondents, U1..U9. Column sums 14,14,10,16,12,14,14,8,12 -> NRR 3,5 3,5 2,5 4 3 3,5 3,5 2 3.
        // Sum NRR 28,5; x 1/9 = 3,1666...; x 25 = 79,1666... -> 79,17 -> B.
        int?[][] answers =
        [
            [4, 4, 3, 4, 3, 3, 4, 2, 3],
            [3, 3, 3, 4, 3, 4, 4, 2, 3],
            [3, 4, 2, 4, 3, 3, 3, 3, 4],
            [4, 3, 2, 4, 3, 4, 3, 1, 2],
        ];
        var result = Ikm.FromResponses(answers);
        Assert.Equal(new[] { 3.5m, 3.5m, 2.5m, 4m, 3m, 3.5m, 3.5m, 2m, 3m }, result.Nrr);
        Assert.Equal(4, result.Respondents);
        Assert.Equal(79.17m, result.ValueRounded);
        Assert.Equal("B", result.Category.Code);
        Assert.Equal(new[] { 7, 2, 4 }, result.WeakestElements(3));
        Assert.Equal("Penanganan Pengaduan, Saran dan Masukan", IkmElements.Names[result.WeakestElements(1)[0]]);
    }

    [Fact]
    public void FromResponses_UnansweredElement_AveragesOverItsOwnAnswers()
    {
        int?[][] answers =
        [
            [4, 4, 4, 4, 4, 4, 4, 4, null],
            [2, 2, 2, 2, 2, 2, 2, 2, 3],
        ];
        var result = Ikm.FromResponses(answers);
        Assert.Equal(3m, result.Nrr[0]);
        Assert.Equal(3m, result.Nrr[8]);
    }

    [Fact]
    public void Weights_AreExactNinth_NotRounded011()
    {
        // Nine NRR of 3,08: exact 1/9 gives 77,00 (B); the rounded weight 0,11 would give 76,23 (C).
        var result = Ikm.FromElementAverages(Enumerable.Repeat(3.08m, 9).ToList(), 10);
        Assert.Equal(77.00m, result.ValueRounded);
        Assert.Equal("B", result.Category.Code);
    }

    [Fact]
    public void FromResponses_AnswerOutsideOneToFour_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Ikm.FromResponses([[5, 4, 4, 4, 4, 4, 4, 4, 4]]));

    [Fact]
    public void FromResponses_WrongNumberOfAnswers_Throws() =>
        Assert.Throws<ArgumentException>(() => Ikm.FromResponses([[4, 4, 4]]));

    [Fact]
    public void FromResponses_ElementWithoutAnyAnswer_Throws() =>
        Assert.Throws<ArgumentException>(() => Ikm.FromResponses([[4, 4, 4, 4, 4, 4, 4, 4, null]]));

    [Fact]
    public void Elements_AreNineInBahasaIndonesia()
    {
        Assert.Equal(9, IkmElements.Names.Count);
        Assert.Equal("Persyaratan", IkmElements.Names[0]);
        Assert.Equal("Sarana dan Prasarana", IkmElements.Names[8]);
    }

    [Fact]
    public void Category_BelowRange_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => Ikm.Category(24.99m));

    [Fact]
    public void ElementAverages_AllExactly1_Is25AndD()
    {
        var result = Ikm.FromElementAverages(Enumerable.Repeat(1m, 9).ToList(), 10);
        Assert.Equal(25m, result.ValueRounded);
        Assert.Equal("D", result.Category.Code);
    }

    [Fact]
    public void ElementAverages_AllExactly4_Is100AndA()
    {
        var result = Ikm.FromElementAverages(Enumerable.Repeat(4m, 9).ToList(), 10);
        Assert.Equal(100m, result.ValueRounded);
        Assert.Equal("A", result.Category.Code);
    }

    [Theory]
    [InlineData("0.99")]
    [InlineData("4.01")]
    public void ElementAverages_OutsideOneToFour_Throw(string nrr)
    {
        var values = Enumerable.Repeat(3m, 9).ToList();
        values[4] = decimal.Parse(nrr, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ikm.FromElementAverages(values, 10));
    }

    [Fact]
    public void Responses_AllAnswers1Or4_GiveTheEdgesOfTheScale()
    {
        Assert.Equal(25m, Ikm.FromResponses([Enumerable.Repeat<int?>(1, 9).ToList()]).ValueRounded);
        Assert.Equal(100m, Ikm.FromResponses([Enumerable.Repeat<int?>(4, 9).ToList()]).ValueRounded);
    }
}
