using PkAnalytics.Documents.Layout;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Documents.Tests;

/// <summary>A page scanned askew: its skew measured, the page straightened, its tables read.</summary>
public sealed class SkewedScanTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(-0.8)]
    [InlineData(0.0)]
    public void Skew_OfRuledLines_IsMeasured_AndRotatingByItStraightensThem(double degrees)
    {
        var page = Lines(2400, 1000, degrees);

        var skew = page.SkewDegrees();

        Assert.InRange(skew, degrees - 0.05, degrees + 0.05);
        var straight = page.Rotate(skew);
        Assert.InRange(straight.SkewDegrees(), -0.05, 0.05);
    }

    [Fact]
    public void BlankPage_HasNoSkew()
    {
        Assert.Equal(0, new GrayImage { Width = 400, Height = 300, Pixels = Enumerable.Repeat((byte)255, 400 * 300).ToArray() }.SkewDegrees());
    }

    [Fact]
    public void ScanSkewedByHalfADegree_IsStraightened_AndItsIndicatorTableRead()
    {
        // Rows drifting a whole line over the page's width ran together into one row per table before.
        var path = Path.Combine(Repo.Root, "tests", "PkAnalytics.Documents.Tests", "Unseen", "p05_scan_skewed_half_degree.pdf");

        var doc = DocumentParser.Parse("p05.pdf", File.ReadAllBytes(path));

        var a = Assert.Single(doc.Agreements);
        Assert.Equal(("Drs. IDRUS SALIM, M.Si.", "H. MUHAMMAD JAMIL, S.STP., M.Si."), (a.FirstParty.Name, a.SecondParty.Name));
        Assert.Equal(["78,50", "85", "100", "BB"], a.Indicators.Select(i => i.Target.Raw.Replace(" %", string.Empty, StringComparison.Ordinal).Replace("%", string.Empty, StringComparison.Ordinal).Trim()));
        Assert.True(a.Budget.Count >= 4, $"budget lines: {a.Budget.Count}");
        Assert.DoesNotContain(a.Findings, f => f.Code == "agreement_truncated");
    }

    /// <summary>A white page with dark horizontal lines (text rows, table rules) tilted by <paramref name="degrees"/>.</summary>
    private static GrayImage Lines(int width, int height, double degrees)
    {
        var pixels = Enumerable.Repeat((byte)255, width * height).ToArray();
        var slope = Math.Tan(degrees * Math.PI / 180);
        for (var y0 = 80; y0 < height - 80; y0 += 40)
        {
            for (var x = 100; x < width - 100; x++)
            {
                var y = (int)Math.Round(y0 + (x - width / 2.0) * slope);
                for (var t = 0; t < 3; t++)
                {
                    pixels[(y + t) * width + x] = 0;
                }
            }
        }

        return new GrayImage { Width = width, Height = height, Pixels = pixels };
    }
}
