using System.Net;
using Dapper;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.Realisation;

namespace PkAnalytics.Dashboard.Tests.Realisasi;

public sealed class RealisasiPageTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private Task<SeededAgency> SeedAsync([System.Runtime.CompilerServices.CallerMemberName] string test = "") =>
        RealisationSeed.InsertAsync(database.DataSource, test);

    [Fact]
    public async Task Pages_RenderInBahasa_WithSampleBadgeOnlyWhenSampleInView()
    {
        var s = await SeedAsync();
        await using var factory = new DashboardFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(PkRoles.Admin);

        var before = await client.GetStringAsync($"/realisasi/indikator?opd={s.AgencyId}");
        Assert.Contains("Realisasi Indikator Kinerja", before);
        Assert.DoesNotContain(">Data contoh</span>", before);

        await new DemoDataWriter(database.DataSource).WriteAsync();
        foreach (var path in new[] { $"/realisasi/indikator?opd={s.AgencyId}", $"/realisasi/anggaran?opd={s.AgencyId}", "/realisasi/sakip", "/realisasi/ikm", "/realisasi" })
        {
            var html = await client.GetStringAsync(path);
            Assert.Contains(">Data contoh</span>", html);
        }

        var entry = await client.GetStringAsync($"/realisasi/indikator?opd={s.AgencyId}");
        Assert.Contains("Persentase desa mandiri", entry);
        Assert.Contains("20,08%", entry);
        Assert.Contains("pk-sample-value", entry);
        var budget = await client.GetStringAsync($"/realisasi/anggaran?opd={s.AgencyId}");
        Assert.Contains("Rp 2.500.000.000", budget);

        var hub = await client.GetStringAsync("/realisasi");
        Assert.Contains("Kelengkapan pengisian", hub);
        Assert.Contains($"realisasi/indikator?opd={s.AgencyId}&amp;tahun=2024", hub);
        // Demo data: TW I-III for the documents and percent indicators, the SAKIP indicator only in TW IV.
        Assert.Matches(@"Dinas Uji Pages_RenderInBahasa[\s\S]*?>3<[\s\S]*?>2/3<[\s\S]*?>2/3<[\s\S]*?>2/3<[\s\S]*?>3/3<", hub);
    }

    [Fact]
    public async Task SettingsPage_ShowsDefaultBandsAndAudit()
    {
        var s = await SeedAsync();
        await new IndicatorSettingsStore(database.DataSource).UpdateIndicatorAsync(
            Warehouse.ReadModels.ViewerScope.AllAgencies with { Actor = "Analis Bappeda" }, s.DocumentsIndicatorId, Domain.Rules.Polarity.LowerIsBetter, Domain.Rules.Aggregation.Kumulatif);
        await using var factory = new DashboardFactory(database.ConnectionString);
        var html = await (await factory.SignedInClientAsync(PkRoles.Bappeda)).GetStringAsync("/realisasi/pengaturan");
        Assert.Contains("Sangat Tinggi &gt;= 91; Tinggi &gt;= 76; Sedang &gt;= 66; Rendah &gt;= 51; Sangat Rendah &lt; 51", html);
        Assert.Contains("Analis Bappeda", html);
        Assert.Contains("Semakin rendah semakin baik", html);
    }

    [Fact]
    public async Task TemplateDownload_IsXlsxPrefilledWithAgencyIndicators()
    {
        var s = await SeedAsync();
        await using var factory = new DashboardFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(PkRoles.Operator, s.AgencyId);
        var response = await client.GetAsync($"/realisasi/templat/indikator?agency={s.AgencyId}&year=2024&quarter=2&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TabularFile.XlsxContentType, response.Content.Headers.ContentType?.MediaType);
        var data = TabularFile.Read(await response.Content.ReadAsStreamAsync(), "t.xlsx");
        Assert.Equal(3, data.Rows.Count);
        Assert.Contains(data.Rows, r => r[1].Text == "Nilai SAKIP Perangkat Daerah" && r[5].Text == "2");

        var csv = await client.GetAsync($"/realisasi/templat/anggaran?agency={s.AgencyId}&year=2024&month=5&format=csv");
        Assert.Contains("sub_kegiatan", await csv.Content.ReadAsStringAsync());
        var bad = await client.GetAsync($"/realisasi/templat/indikator?agency={s.AgencyId}&year=2024&quarter=5");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        // Another agency's template, by a crafted link: refused, not an empty file.
        var other = await client.GetAsync($"/realisasi/templat/indikator?agency={s.OtherAgencyId}&year=2024&quarter=2&format=xlsx");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }
}
