using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Domain.Tests;

public sealed class SigningDateTests
{
    [Fact]
    public void ToString_WithDay_IsIsoDate() => Assert.Equal("2024-01-04", new SigningDate(2024, 1, 4).ToString());

    [Fact]
    public void ToString_WithoutDay_IsYearAndMonth() => Assert.Equal("2024-03", new SigningDate(2024, 3, null).ToString());

    [Fact]
    public void EffectiveFrom_WithoutDay_IsFirstOfMonth() =>
        Assert.Equal(new DateOnly(2025, 1, 1), new SigningDate(2025, 1, null).EffectiveFrom);
}
