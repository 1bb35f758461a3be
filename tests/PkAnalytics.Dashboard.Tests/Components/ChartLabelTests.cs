using PkAnalytics.Dashboard.Components.Shared;

namespace PkAnalytics.Dashboard.Tests.Components;

/// <summary>Axis labels that fit and still tell agencies apart; the full name stays in the tooltip.</summary>
public sealed class ChartLabelTests
{
    [Theory]
    [InlineData("Dinas Pemberdayaan Masyarakat dan Desa", "DPMD")]
    [InlineData("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD")]
    [InlineData("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP")]
    [InlineData("Sekretariat DPRD", "Sekretariat DPRD")]
    [InlineData("Dinas Kesehatan", "Dinas Kesehatan")]
    [InlineData("Kecamatan Tomoni Timur", "Kec. Tomoni Timur")]
    public void ShortLabel_IsTheNameWhenItFits_ElseItsInitials(string name, string label) =>
        Assert.Equal(label, ChartPoint.ShortLabel(name));

    [Fact]
    public void TwoLongNamesOfOneKind_GetDifferentLabels_AndKeepTheirFullNames()
    {
        var a = ChartPoint.Short("Dinas Pemberdayaan Masyarakat dan Desa", 70, "#000");
        var b = ChartPoint.Short("Dinas Kependudukan dan Pencatatan Sipil", 74, "#000");

        Assert.NotEqual(a.Label, b.Label);
        Assert.True(a.Label.Length <= ChartPoint.MaxLabelLength && b.Label.Length <= ChartPoint.MaxLabelLength);
        Assert.Equal("Dinas Kependudukan dan Pencatatan Sipil", b.Text);
    }

    [Fact]
    public void LongNameOfTwoWords_IsCut()
    {
        var label = ChartPoint.ShortLabel("Inspektorat Kabupatenluwutimurpanjang");
        Assert.Equal(ChartPoint.MaxLabelLength, label.Length);
        Assert.EndsWith("\u2026", label);
    }
}
