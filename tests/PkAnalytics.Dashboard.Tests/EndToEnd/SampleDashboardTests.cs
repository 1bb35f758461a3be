using Npgsql;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Dashboard.Tests.EndToEnd;

/// <summary>The dashboard on <see cref="DashboardSampleData"/>, whose every figure was worked out by hand.</summary>
public sealed class SampleDashboard : DashboardServer
{
    protected override Task SeedAsync(NpgsqlDataSource dataSource) => DashboardSampleData.InsertAsync(dataSource);
}

public sealed class SampleDashboardTests(SampleDashboard server) : IClassFixture<SampleDashboard>
{
    [Fact]
    public async Task Overview_ShowsTheHandCheckedFiguresInIndonesianFormat()
    {
        var page = await server.OpenAsync("/");

        Assert.Equal("Rp 2.000.000", (await page.Locator("[data-tile=anggaran] .pk-tile-value").InnerTextAsync()).Trim());
        Assert.Equal("73,05", (await page.Locator("[data-tile=sakip] .pk-tile-value").InnerTextAsync()).Trim());
        Assert.Contains("BB", await page.Locator("[data-tile=sakip]").InnerTextAsync());
        var attention = await page.Locator("[data-section=perhatian]").InnerTextAsync();
        Assert.Contains("Kecamatan Gamma: Belum ada perjanjian kinerja tahun ini", attention);
        Assert.Contains("Nilai SAKIP di bawah target", attention);
        Assert.Contains("3 temuan data", await page.Locator(".pk-findings-link").InnerTextAsync());
        Assert.Contains("2 Juli 2024 11.30 WITA", await page.Locator(".pk-lead").InnerTextAsync());
        await server.ScreenshotAsync(page, "sample-ringkasan-1366");
    }

    [Fact]
    public async Task Comparison_SharedLink_ReproducesTheChosenAgenciesAndOrder()
    {
        var page = await server.OpenAsync("/perbandingan?tahun=2024&opd=2,1&urut=sakip");

        var ranking = page.Locator("[data-table=peringkat] tbody tr");
        Assert.Equal(2, await ranking.CountAsync());
        Assert.StartsWith("1\tDinas Alfa", (await ranking.Nth(0).InnerTextAsync()).Trim());
        Assert.StartsWith("2\tDinas Beta", (await ranking.Nth(1).InnerTextAsync()).Trim());
        var csvLink = await page.Locator("[data-export=peringkat-csv]").GetAttributeAsync("href");
        Assert.Equal("/ekspor/perbandingan/peringkat.csv?tahun=2024&opd=1%2C2&urut=sakip", csvLink);
        await server.ScreenshotAsync(page, "sample-perbandingan-1366");
    }

    [Fact]
    public async Task Findings_FilterInTheUrl_ShowsOnlyThatKind()
    {
        var page = await server.OpenAsync("/temuan?jenis=target_mismatch");

        var rows = page.Locator("[data-table=temuan] tbody tr");
        Assert.Equal(1, await rows.CountAsync());
        var text = await rows.First.InnerTextAsync();
        Assert.Contains("alfa-2024.txt", text);
        Assert.Contains("326", text);
    }

    [Fact]
    public async Task AgencyDetail_ShowsCapaianBandAndAmendmentHistory()
    {
        var page = await server.OpenAsync($"/opd/{DashboardSampleData.AlfaId}");
        await server.ScreenshotAsync(page, "sample-opd-1366");

        var history = await page.Locator("[data-section=perubahan]").InnerTextAsync();
        Assert.Contains("Jumlah Dokumen Perencanaan: 100 Dokumen → 120 Dokumen", history);
        var amended = page.Locator("section[data-agreement='2'] table[data-table=indikator] tbody tr", new() { HasText = "Jumlah Dokumen" });
        await amended.WaitForAsync();
        var cells = await amended.Locator("td").AllInnerTextsAsync();
        Assert.Equal(["120 Dokumen", "30,00", "30,00", "-", "-", "60,00", "50,00%", "Sangat Rendah", "alfa-2024.txt:359"], cells.Skip(2).Select(c => c.Trim()));
    }
}
