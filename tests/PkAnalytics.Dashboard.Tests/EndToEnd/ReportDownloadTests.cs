using System.Diagnostics;
using System.Text.RegularExpressions;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Accounts;

namespace PkAnalytics.Dashboard.Tests.EndToEnd;

/// <summary>
/// "Unduh PDF" on the overview and on an agency's page: chromium downloads the report PDF from the running
/// dashboard, and its text (pdftotext) carries the figures the page shows. The preview opens in the browser.
/// </summary>
public sealed class ReportDownloadTests(SampleDashboard server) : IClassFixture<SampleDashboard>
{
    [Fact]
    public async Task Overview_UnduhPdf_DownloadsTheKabupatenReportWithThePagesFigures()
    {
        var page = await server.OpenAsync("/?tahun=2024");
        var tile = (await page.Locator("[data-tile=anggaran] .pk-tile-value").InnerTextAsync()).Trim();
        await AssertReadableAsync(page.Locator("[data-action=unduh-pdf]"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-action=unduh-pdf]"));
        var text = PdfText(await File.ReadAllBytesAsync((await download.PathAsync())!));

        Assert.Equal("laporan-kabupaten-2024-12.pdf", download.SuggestedFilename);
        Assert.Equal("Rp 2.000.000", tile);
        Assert.Contains(tile, text);
        Assert.Contains("Laporan Kinerja Kabupaten Luwu Timur", text);
        Assert.Contains("Periode Desember 2024", text);
        Assert.Contains("73,05", text);
        Assert.Contains("Dinas Beta", text);
    }

    [Fact]
    public async Task AgencyPage_UnduhPdf_DownloadsThatAgencysReport()
    {
        var page = await server.OpenAsync($"/opd/{DashboardSampleData.BetaId}?tahun=2024");
        await AssertReadableAsync(page.Locator("[data-action=unduh-pdf]"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-action=unduh-pdf]"));
        var text = PdfText(await File.ReadAllBytesAsync((await download.PathAsync())!));

        Assert.Equal($"laporan-opd-{DashboardSampleData.BetaId}-2024-12.pdf", download.SuggestedFilename);
        Assert.Contains("Laporan Kinerja Dinas Beta", text);
        Assert.Contains("Rp 800.000", text);
        Assert.DoesNotContain("Dinas Alfa", text);
    }

    [Fact]
    public async Task Preview_ShowsTheReportInTheBrowser_WithItsCharts()
    {
        var page = await server.OpenAsync($"/laporan/pratinjau?jenis=opd&opd={DashboardSampleData.AlfaId}&periode=2024-06");

        Assert.Equal("Laporan Kinerja Dinas Alfa", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("figure[data-chart] svg").CountAsync() >= 2);
        Assert.Equal(4, await page.Locator("table[data-table=indikator] tbody tr").CountAsync());
        await server.ScreenshotAsync(page, "laporan-opd-pratinjau");
    }

    [Fact]
    public async Task Operator_GetsTheOwnAgencysPdf_AndIsRefusedAnotherAgencysAndTheRegencys()
    {
        // The harness's Operator account belongs to the first agency (Dinas Alfa).
        var page = await server.OpenAsync($"/opd/{DashboardSampleData.AlfaId}?tahun=2024", role: PkRoles.Operator);
        var own = await page.APIRequest.GetAsync($"{server.BaseUrl}/laporan/opd/{DashboardSampleData.AlfaId}.pdf?periode=2024-06");
        var other = await page.APIRequest.GetAsync($"{server.BaseUrl}/laporan/opd/{DashboardSampleData.BetaId}.pdf?periode=2024-06");
        var regency = await page.APIRequest.GetAsync($"{server.BaseUrl}/laporan/kabupaten.pdf?periode=2024-06");

        Assert.Equal(200, own.Status);
        Assert.Contains("Laporan Kinerja Dinas Alfa", PdfText(await own.BodyAsync()));
        Assert.Equal(403, other.Status);
        Assert.Contains("bukan perangkat daerah penerima ini", await other.TextAsync());
        Assert.Equal(403, regency.Status);
    }

    [Fact]
    public async Task SubscriptionPages_OpenForBappeda_AndNotForAnOperator_HangfireOnlyForAdmin()
    {
        var bappeda = await server.OpenAsync("/langganan", role: PkRoles.Bappeda);
        Assert.Equal("Langganan Laporan", (await bappeda.Locator("h1").InnerTextAsync()).Trim());
        await server.ScreenshotAsync(bappeda, "langganan-1366");
        var log = await server.OpenAsync("/langganan/riwayat", role: PkRoles.Bappeda);
        Assert.Equal("Riwayat Pengiriman Laporan", (await log.Locator("h1").InnerTextAsync()).Trim());

        var operatorPage = await server.OpenAsync("/langganan", role: PkRoles.Operator);
        Assert.NotEqual("Langganan Laporan", (await operatorPage.Locator("h1").InnerTextAsync()).Trim());

        var admin = await server.OpenAsync("/", role: PkRoles.Admin);
        Assert.Equal(200, (await admin.APIRequest.GetAsync(server.BaseUrl + "/hangfire")).Status);
        var notAdmin = await server.OpenAsync("/", role: PkRoles.Bappeda);
        Assert.NotEqual(200, (await notAdmin.APIRequest.GetAsync(server.BaseUrl + "/hangfire")).Status);
    }

    private static string PdfText(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pk-unduh-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return Regex.Replace(text, @"\s+", " ");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The button's text against its own background meets WCAG AA (4.5:1): a white-on-white button fails.</summary>
    private static async Task AssertReadableAsync(Microsoft.Playwright.ILocator button)
    {
        var ratio = await button.EvaluateAsync<double>("""
            el => {
                const rgb = c => c.match(/[\d.]+/g).slice(0, 3).map(Number);
                const lum = ([r, g, b]) => {
                    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
                };
                let node = el, bg = 'rgba(0, 0, 0, 0)';
                while (node && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) { bg = getComputedStyle(node).backgroundColor; node = node.parentElement; }
                const a = lum(rgb(getComputedStyle(el).color)), b = lum(rgb(bg));
                return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            }
            """);
        Assert.True(ratio >= 4.5, $"Unduh PDF text contrast {ratio:0.00}:1 against its background (at least 4.5:1)");
    }
}
