using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PkAnalytics.Dashboard.Tests.Exports;
using PkAnalytics.Warehouse.Accounts;

namespace PkAnalytics.Dashboard.Tests.EndToEnd;

/// <summary>Issue 12 in the browser: figures, phone menu, charts, downloads, paper and errors on the seed documents.</summary>
public sealed partial class SeededDashboardTests
{
    private static readonly CultureInfo Id = CultureInfo.GetCultureInfo("id-ID");

    // --- figures ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task EveryPage_OpensOnTheLatestYearWithAgreements_AndOffersTheYearsWithData()
    {
        // DPMPTSP's agreements are for 2025, the other four agencies' for 2024.
        foreach (var path in new[] { "/", "/perbandingan" })
        {
            var page = await server.OpenAsync(path, role: PkRoles.Pimpinan);
            Assert.Equal("2025", (await page.Locator("[name=tahun] .rz-dropdown-label, .rz-dropdown[aria-label=Tahun] .rz-inputtext").First.InnerTextAsync()).Trim());
            await page.Locator(".rz-dropdown[aria-label=Tahun]").First.ClickAsync();
            var items = page.Locator(".rz-dropdown-item >> visible=true");
            await items.First.WaitForAsync();
            var offered = await items.AllInnerTextsAsync();
            Assert.Equal(["2025", "2024"], offered.Select(o => o.Trim()));
            await page.Context.CloseAsync();
        }

        var realisasi = await server.OpenAsync("/realisasi", role: PkRoles.Bappeda);
        Assert.Equal("2025", await realisasi.Locator("select").First.InputValueAsync());
        Assert.Equal(["2025", "2024"], (await realisasi.Locator("select").First.Locator("option").AllInnerTextsAsync()).Select(o => o.Trim()));
        await realisasi.Context.CloseAsync();
    }

    [Fact]
    public async Task AgencyPage_Dukcapil_ShowsItsPartiesAsWritten_AndTheDateWithoutADayAsMonthAndYear()
    {
        var id = await AgencyIdAsync("Dinas Kependudukan dan Pencatatan Sipil");
        var page = await server.OpenAsync($"/opd/{id}?tahun=2024", role: PkRoles.Pimpinan);

        var meta = await page.Locator(".pk-agreement .pk-meta").First.InnerTextAsync();
        Assert.Contains("(BUPATI LUWU TIMUR)", meta);
        Assert.DoesNotContain("Pjs.", meta);
        Assert.Contains("Maret 2024", meta);
        Assert.DoesNotContain("1 Maret 2024", meta);

        // The cascade's root is the Bupati's position, with who signed it for this agreement.
        var root = page.Locator("[data-section=cascade] .pk-tree-superior").First;
        Assert.Equal("BUPATI LUWU TIMUR", (await root.Locator(".pk-node-superior").InnerTextAsync()).Trim());
        Assert.Contains("Drs. H. BUDIMAN, M.Pd", await root.Locator("[data-signers]").InnerTextAsync());
        await server.ScreenshotAsync(page, "opd-dukcapil-1366");
    }

    [Fact]
    public async Task Overview_BudgetRealisation_NeverAboveTheBudget_ForAnySeedAgency()
    {
        var page = await server.OpenAsync("/?tahun=2024", role: PkRoles.Pimpinan);
        var rows = await page.Locator("table.pk-agencies tbody tr").AllAsync();
        Assert.Equal(5, rows.Count);
        foreach (var row in rows)
        {
            var cells = (await row.Locator("td").AllInnerTextsAsync()).Select(c => c.Trim()).ToList();
            var budget = Rupiah(cells[3]);
            var realised = Rupiah(cells[4]);
            Assert.True(realised <= budget, $"{cells[0]}: realisasi {cells[4]} > anggaran {cells[3]}");
        }

        var dpmd = (await page.Locator("table.pk-agencies tbody tr", new() { HasText = "Pemberdayaan Masyarakat" }).Locator("td").AllInnerTextsAsync()).Select(c => c.Trim()).ToList();
        Assert.Equal("Rp 6.461.302.211", dpmd[3]);
        Assert.DoesNotContain("Realisasi anggaran", await page.Locator("[data-section=perhatian]").InnerTextAsync());
    }

    private static decimal Rupiah(string text) =>
        text == "-" ? 0 : decimal.Parse(text.Replace("Rp", "", StringComparison.Ordinal).Trim(), NumberStyles.Number, Id);

    // --- layout -----------------------------------------------------------------------------------------------

    [Fact]
    public async Task PhoneMenu_OverlaysThePage_AndClosesAfterATap()
    {
        var page = await server.OpenAsync("/?tahun=2024", 390, 844, PkRoles.Pimpinan);
        var sidebar = page.Locator(".rz-sidebar");
        var heading = page.Locator("h1");
        var before = await heading.BoundingBoxAsync();
        // A phone opens on the page: the menu is closed.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Temuan Data", Exact = true })).Not.ToBeVisibleAsync();

        await page.Locator(".rz-sidebar-toggle").ClickAsync();
        var menu = page.GetByRole(AriaRole.Link, new() { Name = "Temuan Data", Exact = true });
        await menu.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await page.WaitForTimeoutAsync(400); // the menu's opening transition
        var box = await sidebar.BoundingBoxAsync();
        var after = await heading.BoundingBoxAsync();
        Assert.True(box!.Width > 150, "the menu is open");
        Assert.InRange(after!.X, before!.X - 2, before.X + 2); // over the page: nothing moved sideways
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);
        await server.ScreenshotAsync(page, "menu-terbuka-390");

        await menu.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/temuan", StringComparison.Ordinal));
        await page.Locator("h1", new() { HasText = "Temuan Data" }).WaitForAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Perbandingan OPD", Exact = true })).Not.ToBeVisibleAsync();
        await server.ScreenshotAsync(page, "menu-tertutup-390");
    }

    // --- charts -----------------------------------------------------------------------------------------------

    [Fact]
    public async Task Charts_IndonesianAxisNumbers_RoundSteps_ALabelOnEveryBar()
    {
        var page = await server.OpenAsync("/?tahun=2024", role: PkRoles.Pimpinan);
        foreach (var key in new[] { "sakip", "ikm", "capaian", "program" })
        {
            var chart = page.Locator($"[data-chart={key}]");
            // The axis of values (horizontal for bars, vertical for columns): the one whose ticks are no names.
            var ticks = new List<string>();
            foreach (var axis in await chart.Locator("g.rz-axis").AllAsync())
            {
                var texts = (await axis.Locator(".rz-tick-text").AllTextContentsAsync()).Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
                if (texts.Count > 0 && texts.All(t => Regex.IsMatch(t, @"^(Rp )?[\d\.,]+( rb| jt| M| T)?$")))
                {
                    ticks = texts;
                }
            }

            Assert.True(ticks.Count >= 3, $"{key}: axis ticks {string.Join(" | ", ticks)}");
            Assert.All(ticks, t => Assert.Matches(key == "program" ? @"^Rp \d{1,3}(,\d)?( rb| jt| M| T)?$" : @"^\d{1,3}(\.\d{3})*$", t));
            var values = ticks.Select(ParseTick).ToList();
            var steps = values.Zip(values.Skip(1), (a, b) => Math.Round(b - a, 6)).Distinct().ToList();
            Assert.Single(steps);
            Assert.True(IsRoundStep(steps[0]), $"{key}: step {steps[0]} is not 1, 2, 2,5 or 5 times a power of ten");

            var bars = await chart.Locator("g.rz-bar-series path, g.rz-column-series path").CountAsync();
            var labels = (await chart.Locator(".rz-series-data-label").AllTextContentsAsync()).Where(l => l.Trim().Length > 0).ToList();
            Assert.True(bars > 1, $"{key}: {bars} bars");
            Assert.Equal(bars, labels.Count);
            Assert.All(labels, l => Assert.Matches(key == "program" ? @"^Rp \d{1,3}(,\d)?( rb| jt| M| T)?$" : @"^\d{1,3}(\.\d{3})*(,\d{1,2})?$", l.Trim()));
        }

        await server.ScreenshotAsync(page, "ringkasan-grafik-1366");
    }

    private static double ParseTick(string text)
    {
        var match = Regex.Match(text, @"([\d\.,]+)( rb| jt| M| T)?");
        var number = double.Parse(match.Groups[1].Value, NumberStyles.Number, Id);
        return match.Groups[2].Value.Trim() switch
        {
            "rb" => number * 1e3,
            "jt" => number * 1e6,
            "M" => number * 1e9,
            "T" => number * 1e12,
            _ => number,
        };
    }

    private static bool IsRoundStep(double step)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(step)));
        var fraction = Math.Round(step / magnitude, 6);
        return fraction is 1 or 2 or 2.5 or 5;
    }

    [Fact]
    public async Task SakipHistory_DrawsTheTargetItListsInItsLegend()
    {
        var page = await server.OpenAsync("/realisasi/sakip", role: PkRoles.Operator);
        var chart = page.Locator(".pk-sakip-chart");
        await chart.Locator("g.rz-marker").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Contains("Target PK", await chart.InnerTextAsync());
        // The target series draws a mark for every year it lists (one year: a marker), not only its legend entry.
        Assert.Equal(1, await chart.Locator("g.rz-line-series").CountAsync());
        Assert.True(await chart.Locator("g.rz-marker").CountAsync() > 0, "the target is drawn");
        await server.ScreenshotAsync(page, "realisasi-sakip-grafik-1366");
    }

    // --- tables and downloads ---------------------------------------------------------------------------------

    [Fact]
    public async Task EveryTable_DownloadsAsCsvAndXlsx_WithTheNumbersOnTheScreen()
    {
        var dpmd = await AgencyIdAsync("Dinas Pemberdayaan Masyarakat dan Desa");
        var pages = new (string Path, string Table)[]
        {
            ("/?tahun=2024", "opd"),
            ("/temuan", "temuan"),
            ($"/opd/{dpmd}?tahun=2024", "indikator"),
            ($"/opd/{dpmd}?tahun=2024", "anggaran"),
            ("/perbandingan?tahun=2024", "peringkat"),
            ("/perbandingan?tahun=2024", "anggaran"),
        };
        foreach (var (path, table) in pages)
        {
            var page = await server.OpenAsync(path, role: PkRoles.Bappeda);
            var screen = page.Locator($"table[data-table={table}]").First;
            var headers = (await screen.Locator("thead th").AllInnerTextsAsync()).Select(h => h.Trim()).ToList();
            var numeric = await screen.Locator("thead th").EvaluateAllAsync<bool[]>("ths => ths.map(th => th.classList.contains('num'))");
            var rows = new List<List<string>>();
            foreach (var row in await screen.Locator("tbody tr").AllAsync())
            {
                rows.Add((await row.Locator("td").AllInnerTextsAsync()).Select(c => c.Trim()).ToList());
            }

            var csvBytes = await DownloadAsync(page, $"[data-export={table}-csv] >> nth=0");
            var xlsxBytes = await DownloadAsync(page, $"[data-export={table}-xlsx] >> nth=0");
            var csv = Spreadsheets.ReadCsv(csvBytes);
            var xlsx = Spreadsheets.ReadXlsx(xlsxBytes);
            Assert.Equal(headers, csv[0]);
            Assert.Equal(headers, xlsx[0].Select(v => v?.ToString()));
            Assert.Equal(rows.Count, csv.Count - 1);
            Assert.Equal(rows.Count, xlsx.Count - 1);
            for (var r = 0; r < rows.Count; r++)
            {
                for (var c = 0; c < headers.Count; c++)
                {
                    var shown = rows[r][c];
                    var field = csv[r + 1][c];
                    if (numeric[c] && ScreenNumber(shown) is { } number)
                    {
                        Assert.True(Spreadsheets.CsvNumber(field) == number, $"{path} {table} row {r + 1} {headers[c]}: screen {shown}, CSV {field}");
                        Assert.True(Convert.ToDecimal(xlsx[r + 1][c], CultureInfo.InvariantCulture) == number, $"{path} {table} row {r + 1} {headers[c]}: screen {shown}, XLSX {xlsx[r + 1][c]}");
                    }
                    else if (shown != "-" && shown.Length > 0 && !headers[c].StartsWith("Predikat", StringComparison.Ordinal) && !headers[c].StartsWith("Kategori", StringComparison.Ordinal))
                    {
                        Assert.Equal(shown, field.TrimStart('\''));
                    }
                }
            }

            if (table is "opd" or "peringkat")
            {
                // LibreOffice opens the XLSX with the same first and last agency.
                var office = await Spreadsheets.ReadXlsxWithLibreOfficeAsync(xlsxBytes);
                Assert.Equal(rows[0][headers.IndexOf("Perangkat Daerah")], office[1][headers.IndexOf("Perangkat Daerah")]);
                Assert.Equal(rows.Count + 1, office.Count);
            }

            await page.Context.CloseAsync();
        }
    }

    /// <summary>A number as the screen writes it (`Rp 1.234`, `62,04`, `86,93%`, `5`), or null for text.</summary>
    private static decimal? ScreenNumber(string text)
    {
        var match = Regex.Match(text, @"^(Rp )?(-?\d{1,3}(\.\d{3})*(,\d+)?)%?$");
        return match.Success ? decimal.Parse(match.Groups[2].Value, NumberStyles.Number | NumberStyles.AllowLeadingSign, Id) : null;
    }

    private static async Task<byte[]> DownloadAsync(IPage page, string selector)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(selector));
        return await File.ReadAllBytesAsync((await download.PathAsync())!);
    }

    [Fact]
    public async Task OperatorsDownloads_HoldOnlyTheirAgency()
    {
        var own = server.OperatorAgencyId!.Value;
        var other = await AgencyIdAsync("Sekretariat DPRD");
        Assert.NotEqual(own, other);
        var page = await server.OpenAsync("/?tahun=2024", role: PkRoles.Operator);
        var request = page.Context.APIRequest;
        async Task<(int Status, byte[] Body)> GetAsync(string path)
        {
            var response = await request.GetAsync(server.BaseUrl + path, new() { MaxRedirects = 0 });
            return (response.Status, await response.BodyAsync());
        }

        var overview = await GetAsync("/ekspor/ringkasan/opd.csv?tahun=2024");
        Assert.Equal(200, overview.Status);
        var overviewRows = Spreadsheets.ReadCsv(overview.Body);
        Assert.Equal(2, overviewRows.Count);
        var findings = await GetAsync("/ekspor/temuan.csv");
        Assert.Equal(200, findings.Status);
        Assert.All(Spreadsheets.ReadCsv(findings.Body).Skip(1), f => Assert.Equal(overviewRows[1][0], f[2]));
        var comparison = await GetAsync($"/ekspor/perbandingan/peringkat.csv?tahun=2024&opd={own},{other}");
        Assert.Equal(2, Spreadsheets.ReadCsv(comparison.Body).Count);
        Assert.Equal(404, (await GetAsync($"/ekspor/opd/{other}/indikator.csv?tahun=2024")).Status);
        Assert.Equal(200, (await GetAsync($"/ekspor/opd/{own}/indikator.xlsx?tahun=2024")).Status);
    }

    // --- paper ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Overview_PrintsOnWholePages_WithChartsAndTheCompleteAgencyTable()
    {
        var page = await server.OpenAsync("/?tahun=2024", role: PkRoles.Pimpinan);
        var lastRow = (await page.Locator("table.pk-agencies tbody tr").Last.Locator("td").First.InnerTextAsync()).Trim();
        var pdf = Path.Combine(DashboardServer.ScreenshotFolder, "ringkasan-cetak.pdf");
        Directory.CreateDirectory(DashboardServer.ScreenshotFolder);
        await page.PdfAsync(new PagePdfOptions { Path = pdf, PreferCSSPageSize = true, PrintBackground = true });

        var info = await RunAsync("pdfinfo", pdf);
        var pages = int.Parse(Regex.Match(info, @"Pages:\s+(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(pages > 1, $"{pages} page(s)");
        var text = await RunAsync("pdftotext", "-layout", pdf, "-");
        Assert.Contains(lastRow, text);
        Assert.Contains("Nilai SAKIP per Perangkat Daerah", text);
        Assert.DoesNotContain("Detail OPD", text); // no menu
        Assert.DoesNotContain("Keluar", text); // no header
        Assert.Contains("Rata-rata", text); // the table's last column is on the paper too
        await RunAsync("pdftoppm", "-png", "-r", "50", pdf, Path.Combine(DashboardServer.ScreenshotFolder, "ringkasan-cetak"));
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} exited {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }

    // --- errors -----------------------------------------------------------------------------------------------

    [Fact]
    public async Task BadQueryValuesAndUnknownPaths_GetAFriendlyPage_NeverA500()
    {
        await using var context = await server.NewContextAsync(1366, 900, PkRoles.Pimpinan);
        var page = await context.NewPageAsync();
        foreach (var path in new[] { "/?tahun=abc", "/perbandingan?tahun=20x4&opd=x", "/temuan?opd=abc", "/realisasi/indikator?opd=abc&tahun=99999", "/opd/1?tahun=abc" })
        {
            var response = await page.GotoAsync(server.BaseUrl + path);
            Assert.Equal(200, response!.Status);
            await page.WaitForSelectorAsync("h1");
            Assert.DoesNotContain("abc", page.Url);
            Assert.DoesNotContain("Terjadi kesalahan", await page.InnerTextAsync("body"));
        }

        var unknownAgency = await page.GotoAsync(server.BaseUrl + "/opd/987654");
        Assert.Equal(200, unknownAgency!.Status);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("tidak ada atau tidak boleh Anda lihat");

        foreach (var path in new[] { "/halaman-yang-tidak-ada", "/opd/abc", "/ekspor/tidak-ada.csv" })
        {
            var response = await page.GotoAsync(server.BaseUrl + path);
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Halaman tidak ditemukan");
            await Assertions.Expect(page.Locator(".rz-sidebar")).ToContainTextAsync("Ringkasan Kabupaten"); // within the layout
        }

        await server.ScreenshotAsync(page, "tidak-ditemukan-1366");
    }
}
