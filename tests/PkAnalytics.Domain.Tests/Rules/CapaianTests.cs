using PkAnalytics.Domain.Rules;

namespace PkAnalytics.Domain.Tests.Rules;

public sealed class CapaianTests
{
    [Theory]
    [InlineData(Polarity.HigherIsBetter)]
    [InlineData(Polarity.LowerIsBetter)]
    public void Capaian_RealisationEqualsTarget_Is100(Polarity polarity) =>
        Assert.Equal(100m, Capaian.Compute(73.35m, 73.35m, polarity));

    [Fact]
    public void Capaian_HigherIsBetter_IsRealisationOverTargetTimes100() =>
        Assert.Equal(80m, Capaian.Compute(40m, 50m, Polarity.HigherIsBetter));

    [Fact]
    public void Capaian_HigherIsBetter_RealisationZero_IsZero() =>
        Assert.Equal(0m, Capaian.Compute(0m, 50m, Polarity.HigherIsBetter));

    [Fact]
    public void Capaian_LowerIsBetter_RealisationZero_Is200() =>
        Assert.Equal(200m, Capaian.Compute(0m, 50m, Polarity.LowerIsBetter));

    [Fact]
    public void Capaian_LowerIsBetter_BelowTarget_IsAbove100() =>
        Assert.Equal(120m, Capaian.Compute(8m, 10m, Polarity.LowerIsBetter));

    [Fact]
    public void Capaian_LowerIsBetter_ExactlyTwiceTarget_IsZero() =>
        Assert.Equal(0m, Capaian.Compute(20m, 10m, Polarity.LowerIsBetter));

    [Fact]
    public void Capaian_LowerIsBetter_FloorsAtZero() =>
        Assert.Equal(0m, Capaian.Compute(35m, 10m, Polarity.LowerIsBetter));

    [Theory]
    [InlineData(Polarity.HigherIsBetter)]
    [InlineData(Polarity.LowerIsBetter)]
    public void Capaian_TargetZero_IsNoCapaian(Polarity polarity)
    {
        Assert.Null(Capaian.Compute(5m, 0m, polarity));
        Assert.Null(Capaian.Compute(0m, 0m, polarity));
    }

    [Theory]
    [InlineData(Polarity.HigherIsBetter)]
    [InlineData(Polarity.LowerIsBetter)]
    public void Capaian_MissingRealisation_IsNoCapaian(Polarity polarity) =>
        Assert.Null(Capaian.Compute(null, 10m, polarity));

    [Fact]
    public void Capaian_MissingTarget_IsNoCapaian() =>
        Assert.Null(Capaian.Compute(10m, null, Polarity.HigherIsBetter));

    [Fact]
    public void Polarity_CodesRoundTrip()
    {
        foreach (var p in Enum.GetValues<Polarity>())
        {
            Assert.Equal(p, PolarityCodes.ParsePolarity(p.ToCode()));
        }

        foreach (var a in Enum.GetValues<Aggregation>())
        {
            Assert.Equal(a, PolarityCodes.ParseAggregation(a.ToCode()));
        }
    }
}

public sealed class QuarterAggregationTests
{
    private static readonly decimal?[] Quarters = [10m, 20m, null, 5m];

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 30)]
    [InlineData(3, 30)]
    [InlineData(4, 35)]
    public void Kumulatif_SumsReportedQuartersSoFar(int asOf, int expected) =>
        Assert.Equal(expected, QuarterAggregation.Aggregate(Quarters, Aggregation.Kumulatif, asOf));

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 20)]
    [InlineData(4, 5)]
    public void NilaiAkhir_TakesLatestReportedQuarter(int asOf, int expected) =>
        Assert.Equal(expected, QuarterAggregation.Aggregate(Quarters, Aggregation.NilaiAkhir, asOf));

    [Fact]
    public void Aggregate_NoQuarterReported_IsNull()
    {
        Assert.Null(QuarterAggregation.Aggregate(new decimal?[] { null, null }, Aggregation.Kumulatif));
        Assert.Null(QuarterAggregation.Aggregate(new decimal?[] { null, 7m }, Aggregation.NilaiAkhir, 1));
    }

    [Fact]
    public void KumulatifVsNilaiAkhir_GiveDifferentCapaianForSameQuarters()
    {
        // A count of documents (kumulatif) vs a percentage (nilai akhir), both with target 40 and quarters 10/20/null/5.
        var kumulatif = Capaian.Compute(QuarterAggregation.Aggregate(Quarters, Aggregation.Kumulatif), 40m, Polarity.HigherIsBetter);
        var nilaiAkhir = Capaian.Compute(QuarterAggregation.Aggregate(Quarters, Aggregation.NilaiAkhir), 40m, Polarity.HigherIsBetter);
        Assert.Equal(87.5m, kumulatif);
        Assert.Equal(12.5m, nilaiAkhir);
    }

    [Fact]
    public void Aggregate_QuarterOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => QuarterAggregation.Aggregate(Quarters, Aggregation.Kumulatif, 5));
}

public sealed class CapaianBandTests
{
    [Theory]
    [InlineData("100", "Sangat Tinggi")]
    [InlineData("91", "Sangat Tinggi")]
    [InlineData("90.99", "Tinggi")]
    [InlineData("76", "Tinggi")]
    [InlineData("75.99", "Sedang")]
    [InlineData("66", "Sedang")]
    [InlineData("65.99", "Rendah")]
    [InlineData("51", "Rendah")]
    [InlineData("50.99", "Sangat Rendah")]
    [InlineData("0", "Sangat Rendah")]
    [InlineData("250", "Sangat Tinggi")]
    public void DefaultBands_AreHalfOpenAtEdges(string capaian, string band) =>
        Assert.Equal(band, CapaianBandSet.Default.Lookup(decimal.Parse(capaian, System.Globalization.CultureInfo.InvariantCulture))!.Name);

    [Fact]
    public void Lookup_NoCapaian_IsNoBand() => Assert.Null(CapaianBandSet.Default.Lookup(null));

    [Fact]
    public void EffectiveOn_PicksLatestSetOnOrBeforeDate()
    {
        var strict = new CapaianBandSet(new DateOnly(2025, 1, 1),
            [new CapaianBand("Baik", 100m), new CapaianBand("Kurang", null)]);
        var sets = new[] { CapaianBandSet.Default, strict };
        Assert.Same(CapaianBandSet.Default, CapaianBandSet.EffectiveOn(sets, new DateOnly(2024, 12, 31)));
        Assert.Same(strict, CapaianBandSet.EffectiveOn(sets, new DateOnly(2025, 1, 1)));
        Assert.Equal("Kurang", strict.Lookup(95m)!.Name);
    }

    [Fact]
    public void EffectiveOn_NoSets_IsDefault() =>
        Assert.Same(CapaianBandSet.Default, CapaianBandSet.EffectiveOn([], new DateOnly(2024, 6, 1)));

    [Fact]
    public void BandSet_WithoutOpenLowestBand_IsRejected() =>
        Assert.Throws<ArgumentException>(() => new CapaianBandSet(new DateOnly(2025, 1, 1),
            [new CapaianBand("Baik", 90m), new CapaianBand("Kurang", 50m)]));

    [Fact]
    public void BandSet_DuplicateMinimum_IsRejected() =>
        Assert.NotNull(CapaianBandSet.Validate(
            [new CapaianBand("Baik", 90m), new CapaianBand("Cukup", 90m), new CapaianBand("Kurang", null)]));
}

public sealed class UnitValidationTests
{
    [Theory]
    [InlineData("%", "100", true)]
    [InlineData("%", "100.5", false)]
    [InlineData("Persen", "20.08", true)]
    [InlineData("Dokumen", "3", true)]
    [InlineData("Dokumen", "2.5", false)]
    [InlineData("Nilai", "71.25", true)]
    [InlineData("Nilai IKM", "24", false)]
    [InlineData("Nilai IKM", "24.99", false)]
    [InlineData("Nilai IKM", "25", true)]
    [InlineData("Nilai IKM", "100", true)]
    [InlineData("Nilai IKM", "100.01", false)]
    [InlineData("Nilai SAKIP", "0", true)]
    [InlineData("Nilai SAKIP", "100", true)]
    [InlineData("Nilai SAKIP", "100.01", false)]
    [InlineData("%", "0", true)]
    [InlineData(null, "0", true)]
    [InlineData(null, "-1", false)]
    public void Validate_ByUnit(string? unit, string value, bool valid) =>
        Assert.Equal(valid, UnitValidation.Validate(unit, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) is null);

    [Theory]
    [InlineData("Laju pertumbuhan ekonomi", "-2.5")]
    [InlineData("Persentase peningkatan PAD", "120")]
    public void Validate_ChangeIndicatorInPercent_AllowsNegativeAndAbove100(string name, string value) =>
        Assert.Null(UnitValidation.Validate("%", decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), name));

    [Fact]
    public void Validate_LevelIndicatorInPercent_RejectsAbove100() =>
        Assert.NotNull(UnitValidation.Validate("%", 120m, "Persentase desa mandiri"));
}
