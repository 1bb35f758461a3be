using Dapper;
using Microsoft.Playwright;
using PkAnalytics.Dashboard.Tests.EndToEnd;
using PkAnalytics.Warehouse.Accounts;

namespace PkAnalytics.Dashboard.Tests.Realisasi;

/// <summary>The realisation pages in a real browser: typing, saving, uploading, charts.</summary>
public sealed class RealisasiBrowserTests(RealisasiBrowser server) : IClassFixture<RealisasiBrowser>
{
    private async Task<decimal?> ValueAsync(int indicatorId, int quarter)
    {
        await using var c = await server.Database.DataSource.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<decimal?>(
            "select value from fact_indicator_realisation where indicator_id = @indicatorId and year = 2024 and quarter = @quarter",
            new { indicatorId, quarter });
    }

    [Fact]
    public async Task IndicatorEntry_TypeAndSave_StoresValuesWithNoteAndTheSignedInOperator_BadValueRefused()
    {
        var page = await server.OpenInteractiveAsync($"/realisasi/indikator?opd={server.Seed.AgencyId}&tahun=2024");
        await page.Locator("select").Nth(2).SelectOptionAsync("2"); // TW II

        await page.GetByLabel("Realisasi Persentase desa mandiri").FillAsync("abc");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan realisasi" }).ClickAsync();
        await Assertions.Expect(page.Locator(".pk-import-refused")).ToContainTextAsync("tidak ada data yang disimpan");
        Assert.Null(await ValueAsync(server.Seed.PercentIndicatorId, 2));

        await page.GetByLabel("Realisasi Persentase desa mandiri").FillAsync("18,5");
        await page.GetByLabel("Catatan Persentase desa mandiri").FillAsync("Penghambat: data desa terlambat");
        await page.GetByLabel("Realisasi Jumlah dokumen perencanaan yang disusun").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan realisasi" }).ClickAsync();
        await Assertions.Expect(page.Locator(".pk-import-accepted")).ToContainTextAsync("disimpan");

        Assert.Equal(18.5m, await ValueAsync(server.Seed.PercentIndicatorId, 2));
        Assert.Equal(5m, await ValueAsync(server.Seed.DocumentsIndicatorId, 2));
        await using var c = await server.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(DashboardServer.EmailOf(PkRoles.Operator), await c.ExecuteScalarAsync<string>(
            "select entered_by from fact_indicator_realisation where indicator_id = @id and quarter = 2", new { id = server.Seed.PercentIndicatorId }));
        // Capaian of the saved value: 18,5 / 20,08 = 92,13% -> Sangat Tinggi.
        await Assertions.Expect(page.Locator("tr", new() { HasText = "Persentase desa mandiri" })).ToContainTextAsync("92,13%");
    }

    [Fact]
    public async Task TemplateLink_DownloadsXlsxPrefilledForTheAgency()
    {
        var page = await server.OpenInteractiveAsync($"/realisasi/indikator?opd={server.Seed.AgencyId}&tahun=2024");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByText("Templat .xlsx").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var path = await download.PathAsync();
        var data = Warehouse.Realisation.TabularFile.Read(File.OpenRead(path!), download.SuggestedFilename);
        Assert.Contains(data.Rows, r => r[1].Text == "Persentase desa mandiri");
    }

    [Fact]
    public async Task IndicatorImport_UploadBadFile_ShowsRowAndColumn()
    {
        var page = await server.OpenInteractiveAsync($"/realisasi/indikator?opd={server.Seed.AgencyId}&tahun=2024");
        var csv = $"indikator_id;tahun;triwulan;realisasi\n{server.Seed.PercentIndicatorId};2024;3;12\n{server.Seed.PercentIndicatorId};2024;4;1.234\n";
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "tw.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await Assertions.Expect(page.Locator(".pk-import-refused")).ToContainTextAsync("Baris 3, kolom D (realisasi)");
        Assert.Null(await ValueAsync(server.Seed.PercentIndicatorId, 3));
    }

    [Fact]
    public async Task Sakip_PreviewSaveAndChart()
    {
        var page = await server.OpenInteractiveAsync($"/realisasi/sakip?opd={server.Seed.AgencyId}");
        await page.Locator("input[type=number]").FillAsync("2024");
        await page.Locator("input[type=number]").BlurAsync();
        await page.GetByLabel("Perencanaan Kinerja").FillAsync("25,50");
        await page.GetByLabel("Pengukuran Kinerja").FillAsync("24,00");
        await page.GetByLabel("Pelaporan Kinerja").FillAsync("11,85");
        await page.GetByLabel("Evaluasi Akuntabilitas Kinerja Internal").FillAsync("19,75");
        await Assertions.Expect(page.Locator(".pk-section")).ToContainTextAsync("81,10");
        await Assertions.Expect(page.Locator(".pk-section")).ToContainTextAsync("A (Memuaskan)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan nilai SAKIP" }).ClickAsync();
        await Assertions.Expect(page.Locator(".pk-sakip-history")).ToContainTextAsync("81,10");
        await Assertions.Expect(page.Locator(".pk-sakip-history")).ToContainTextAsync("mencapai target 71,25");
        // The chart draws the score once the circuit is interactive.
        await Assertions.Expect(page.Locator(".pk-sakip-chart svg path").First).ToBeAttachedAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pk-realisasi-sakip.png"), FullPage = true });
    }

    [Fact]
    public async Task Settings_ChangePolarity_IsAuditedOnPageAsTheSignedInAnalyst()
    {
        var page = await server.OpenInteractiveAsync($"/realisasi/pengaturan?opd={server.SettingsSeed.AgencyId}", PkRoles.Bappeda);
        await page.GetByLabel("Polaritas Persentase desa mandiri").SelectOptionAsync("lower_is_better");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan pengaturan indikator" }).ClickAsync();
        await Assertions.Expect(page.Locator(".pk-audit")).ToContainTextAsync(DashboardServer.EmailOf(PkRoles.Bappeda));
        await Assertions.Expect(page.Locator(".pk-audit")).ToContainTextAsync("Semakin rendah semakin baik");
    }
}
