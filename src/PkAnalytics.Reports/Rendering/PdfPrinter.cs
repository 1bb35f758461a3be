using System.Text.Json;
using Microsoft.Playwright;
using PkAnalytics.Reports.Model;

namespace PkAnalytics.Reports.Rendering;

/// <summary>
/// Prints report HTML to A4 PDF with Debian's chromium through Playwright: one browser per process (launched on
/// first use, relaunched if it died), a fresh page per report. Before printing it checks, in the laid-out page,
/// that every chart that must be there is drawn and every table has all its rows; a report that fails the check
/// is not printed (<see cref="ReportIncompleteException"/>). Never downloads a browser.
/// </summary>
public sealed class PdfPrinter(ReportOptions options) : IAsyncDisposable
{
    /// <summary>Debian's chromium, the default of <see cref="ReportOptions.ChromiumPath"/>.</summary>
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

    private readonly SemaphoreSlim launchGate = new(1, 1);
    private readonly SemaphoreSlim pages = new(2, 2); // two cores: more pages in flight only queue inside chromium
    private readonly System.Collections.Concurrent.ConcurrentBag<IPage> idle = [];
    private IPlaywright? playwright;
    private IBrowser? browser;

    private async Task<IBrowser> BrowserAsync()
    {
        if (browser is { IsConnected: true } b)
        {
            return b;
        }

        await launchGate.WaitAsync();
        try
        {
            if (browser is { IsConnected: true } again)
            {
                return again;
            }

            var path = options.ChromiumPath;
            if (!File.Exists(path))
            {
                throw new ChromiumUnavailableException(
                    $"Chromium tidak ditemukan di {path}: pasang paket Debian chromium (./pk up memasangnya) atau atur PK_CHROMIUM.");
            }

            playwright ??= await Playwright.CreateAsync();
            try
            {
                browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = path,
                    Headless = true,
                    Args = ChromiumArgs,
                    Timeout = 60_000,
                });
            }
            catch (PlaywrightException e)
            {
                throw new ChromiumUnavailableException($"Chromium ({path}) tidak dapat dijalankan: {FirstLine(e.Message)}", e);
            }

            return browser;
        }
        finally
        {
            launchGate.Release();
        }
    }

    /// <summary>The check run in the page: expected charts drawn with a size, expected tables with all their rows.</summary>
    private const string CheckScript = """
        (expected) => {
            const problems = [];
            for (const key of expected.charts) {
                const svg = document.querySelector(`[data-chart="${key}"] svg`);
                if (!svg) { problems.push(`grafik ${key} tidak ada`); continue; }
                const box = svg.getBoundingClientRect();
                if (box.width < 50 || box.height < 50 || svg.querySelectorAll('rect, path, text').length < 3) {
                    problems.push(`grafik ${key} kosong`);
                }
            }
            for (const [key, rows] of Object.entries(expected.tables)) {
                const table = document.querySelector(`table[data-table="${key}"]`);
                if (!table) { problems.push(`tabel ${key} tidak ada`); continue; }
                const found = table.querySelectorAll('tbody > tr').length;
                if (found !== rows) problems.push(`tabel ${key}: ${found} baris dari ${rows}`);
            }
            return problems;
        }
        """;

    public async Task<byte[]> PrintAsync(string html, ReportData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var chromium = await BrowserAsync();
        await pages.WaitAsync(cancellationToken);
        IPage? page = null;
        var reusable = false;
        var crashed = false;
        void OnCrash(object? sender, IPage crashedPage) => crashed = true;
        try
        {
            // A warm page is reused (a new context per report costs more than the report's own layout).
            while (idle.TryTake(out var candidate))
            {
                if (!candidate.IsClosed && candidate.Context.Browser == chromium)
                {
                    page = candidate;
                    break;
                }
            }

            page ??= await chromium.NewPageAsync(new BrowserNewPageOptions { Locale = "id-ID", TimezoneId = "Asia/Makassar" });
            page.Crash += OnCrash;
            await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
            await page.EvaluateAsync("() => document.fonts.ready");
            var expected = new { charts = data.ExpectedCharts, tables = data.ExpectedTables };
            var problems = await page.EvaluateAsync<string[]>(CheckScript, expected);
            if (problems.Length > 0)
            {
                reusable = true; // the page is fine; the report was not
                throw new ReportIncompleteException($"{data.Title} ({data.PeriodLabel}) tidak lengkap: {string.Join("; ", problems)}.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            var pdf = await page.PdfAsync(new PagePdfOptions
            {
                Format = "A4",
                PrintBackground = true,
                DisplayHeaderFooter = true,
                HeaderTemplate = "<span></span>",
                FooterTemplate = Footer(data),
                Margin = new Margin { Top = "14mm", Bottom = "16mm", Left = "13mm", Right = "13mm" },
            });
            reusable = true;
            return pdf;
        }
        catch (PlaywrightException e)
        {
            // The browser or the page's renderer died (killed, out of memory): nothing was printed. A retry
            // relaunches the browser (BrowserAsync) or opens a new page (this one is not reused).
            if (crashed || !chromium.IsConnected || await DisconnectsAsync(chromium))
            {
                throw new ChromiumUnavailableException($"Chromium berhenti saat mencetak {data.Title} ({data.PeriodLabel}): {FirstLine(e.Message)}", e);
            }

            throw;
        }
        finally
        {
            if (page is not null)
            {
                page.Crash -= OnCrash;
                if (reusable && !crashed && !page.IsClosed && chromium.IsConnected)
                {
                    idle.Add(page);
                }
                else
                {
                    try
                    {
                        await page.Context.CloseAsync();
                    }
                    catch (PlaywrightException)
                    {
                        // Its browser is gone with it; what the caller must hear is why the print failed.
                    }
                }
            }

            pages.Release();
        }
    }

    /// <summary>
    /// A call can fail on a dead browser's pipe before the browser is reported disconnected: give that report a moment.
    /// </summary>
    private static async Task<bool> DisconnectsAsync(IBrowser browser)
    {
        for (var i = 0; i < 10 && browser.IsConnected; i++)
        {
            await Task.Delay(50);
        }

        return !browser.IsConnected;
    }

    private static string FirstLine(string message) =>
        message.Split('\n', 2, StringSplitOptions.TrimEntries)[0];

    private static string Footer(ReportData data)
    {
        var text = System.Net.WebUtility.HtmlEncode(
            $"{data.Title} - {data.PeriodLabel} - dibuat {Warehouse.ReadModels.IndonesianFormat.DateTime(data.GeneratedAt, data.ZoneAbbreviation)}");
        return "<div style=\"width:100%;font-family:'DejaVu Sans',sans-serif;font-size:7.5px;color:#555;padding:0 13mm;display:flex;justify-content:space-between\">" +
               $"<span>{text}</span><span>Halaman <span class=\"pageNumber\"></span> dari <span class=\"totalPages\"></span></span></div>";
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryTake(out var page))
        {
            try
            {
                await page.Context.CloseAsync();
            }
            catch (PlaywrightException)
            {
            }
        }

        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        launchGate.Dispose();
        pages.Dispose();
    }
}

/// <summary>
/// Chromium could not be started or died: the report was not printed. Transient from the job's view (a retry may
/// find it installed or working again); never a sent report.
/// </summary>
public sealed class ChromiumUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
