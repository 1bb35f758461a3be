using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Playwright;
using PkAnalytics.Documents;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Dashboard.Tests.EndToEnd;

/// <summary>Playwright against the real pk-dashboard process on the five seed documents.</summary>
public sealed partial class SeededDashboardTests(SeededDashboard server) : IClassFixture<SeededDashboard>
{
    private static readonly string[] SeedAgencies =
    [
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Dinas Pemberdayaan Masyarakat dan Desa",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "Kecamatan Mangkutana",
        "Sekretariat DPRD",
    ];

    private async Task<int> AgencyIdAsync(string name)
    {
        await using var connection = await server.Database.DataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<int>("select agency_id from dim_agency where name = @name", new { name });
    }

    [Fact]
    public async Task Overview_ListsTheFiveAgencies()
    {
        var page = await server.OpenAsync("/");

        var names = await page.Locator("table.pk-agencies tbody tr td:first-child").AllInnerTextsAsync();
        Assert.Equal(SeedAgencies, names.Select(n => n.Trim()).Order(StringComparer.Ordinal));
        Assert.Equal("5", (await page.Locator("[data-tile=opd] .pk-tile-value").InnerTextAsync()).Trim());
        await server.ScreenshotAsync(page, "ringkasan-lima-opd-1366");
    }

    [Fact]
    public async Task Comparison_CsvExport_EqualsTheDatabase()
    {
        var page = await server.OpenAsync("/perbandingan?tahun=2024");

        var sakip = await DownloadCsvAsync(page, "sakip");
        var budget = await DownloadCsvAsync(page, "anggaran");
        await server.ScreenshotAsync(page, "perbandingan-unduh-1366");

        await using var connection = await server.Database.DataSource.OpenConnectionAsync();
        var evaluations = (await connection.QueryAsync<(string Name, decimal P1, decimal P2, decimal P3, decimal P4, decimal Total)>("""
            select a.name, e.perencanaan, e.pengukuran, e.pelaporan, e.evaluasi, e.total
            from fact_sakip_evaluation e join dim_agency a using (agency_id) where e.year = 2024
            """)).ToDictionary(e => e.Name);
        Assert.Equal(["Perangkat Daerah", "Target SAKIP", "Perencanaan Kinerja (maks 30)", "Pengukuran Kinerja (maks 30)",
                      "Pelaporan Kinerja (maks 15)", "Evaluasi Internal (maks 25)", "Nilai SAKIP", "Predikat"], sakip[0]);
        Assert.NotEmpty(evaluations);
        foreach (var row in sakip.Skip(1).Where(r => evaluations.ContainsKey(r[0])))
        {
            var e = evaluations[row[0]];
            Assert.Equal(new decimal?[] { e.P1, e.P2, e.P3, e.P4, e.Total }, row[2..7].Select(Number));
        }

        Assert.Equal(evaluations.Count, sakip.Skip(1).Count(r => r[6] != ""));

        // The screen shows the same numbers, in id-ID.
        var id = CultureInfo.GetCultureInfo("id-ID");
        foreach (var row in sakip.Skip(1).Where(r => r[6] != ""))
        {
            var cells = await page.Locator("[data-table=sakip] tbody tr", new() { HasText = row[0] }).First.Locator("td").AllInnerTextsAsync();
            Assert.Equal(Number(row[6])!.Value.ToString("N2", id), cells[6].Trim());
        }

        // Budget per program: per agency the largest amount any current agreement gives the program line,
        // summed over agencies; the export's "Jumlah" column must equal it for every program.
        var expected = (await connection.QueryAsync<(string Program, decimal Amount)>("""
            select p.name, sum(x.amount) from (
                select a.agency_id, f.program_id, max(f.amount) as amount
                from agreement_current a join fact_budget_allocation f on f.agreement_id = a.agreement_id
                where a.year = 2024 and f.level = 'program'
                group by a.agency_id, f.program_id) x
            join dim_program p on p.program_id = x.program_id
            group by p.name
            """)).ToDictionary(r => r.Program, r => r.Amount);
        var total = Array.IndexOf(budget[0], "Jumlah");
        Assert.NotEmpty(expected);
        foreach (var (program, amount) in expected)
        {
            var row = budget.Single(r => r[0] == program);
            Assert.Equal(amount, Number(row[total]));
        }
    }

    [Fact]
    public async Task AgencyDetail_Dpmd_ShowsItsCascadeOfSevenAgreements()
    {
        var id = await AgencyIdAsync("Dinas Pemberdayaan Masyarakat dan Desa");
        var page = await server.OpenAsync($"/opd/{id}?tahun=2024");

        var cascade = page.Locator("[data-section=cascade]");
        Assert.Equal(7, await cascade.Locator("li[data-agreement]").CountAsync());
        // head -> (Sekretaris, three Kepala Bidang) -> the Sekretaris' two Kasubag
        Assert.Equal(1, await cascade.Locator("li.pk-tree-superior > ul > li[data-agreement]").CountAsync());
        Assert.Equal(2, await cascade.Locator("li[data-agreement] li[data-agreement] li[data-agreement]").CountAsync());
        Assert.Contains("BUPATI LUWU TIMUR", await cascade.InnerTextAsync());
        Assert.Contains(".txt:", await page.Locator("table[data-table=indikator] td.src").First.InnerTextAsync());
        await server.ScreenshotAsync(page, "opd-dpmd-1366");
    }

    [Fact]
    public async Task Upload_OfASeed_ShowsItsPreviewThenQueuesIt()
    {
        var seed = Repo.SeedFiles[0];
        var parsed = DocumentParser.ParseFile(seed);
        var page = await server.OpenAsync("/dokumen");

        await page.Locator("input[type=file]").SetInputFilesAsync(seed);
        var preview = page.Locator("[data-section=pratinjau]");
        await preview.WaitForAsync();
        Assert.Equal("7", await preview.Locator("[data-count=agreements]").InnerTextAsync());
        Assert.Equal(parsed.Agreements.Sum(a => a.Indicators.Count).ToString(CultureInfo.InvariantCulture),
            await preview.Locator("[data-count=indicators]").InnerTextAsync());
        Assert.Equal(parsed.Agreements.Sum(a => a.Budget.Count).ToString(CultureInfo.InvariantCulture),
            await preview.Locator("[data-count=budget]").InnerTextAsync());
        Assert.Contains("KEPALA DINAS PEMBERDAYAAN MASYARAKAT DAN DESA", await preview.InnerTextAsync());
        Assert.Contains("sudah dimuat", await preview.Locator("[data-alert=duplicate]").InnerTextAsync()); // the seeds are loaded
        await server.ScreenshotAsync(page, "dokumen-pratinjau-1366");

        await page.ClickAsync("[data-action=confirm]");
        await page.Locator("table[data-table=antrean] td", new() { HasText = Path.GetFileName(seed) }).First.WaitForAsync();
        await using var connection = await server.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(parsed.Sha256, await connection.QuerySingleAsync<string>("select sha256 from etl_inbox"));
        await server.ScreenshotAsync(page, "dokumen-antrean-1366");
    }

    private static async Task<List<string[]>> DownloadCsvAsync(IPage page, string table)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync($"[data-export={table}-csv]"));
        return Exports.Spreadsheets.ReadCsv(await File.ReadAllBytesAsync((await download.PathAsync())!));
    }

    /// <summary>A CSV number: the decimal comma, no grouping (the import templates' convention).</summary>
    private static decimal? Number(string cell) => Exports.Spreadsheets.CsvNumber(cell);
}
