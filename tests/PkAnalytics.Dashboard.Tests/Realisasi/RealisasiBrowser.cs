using System.Diagnostics;
using System.Text;
using Microsoft.Playwright;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Dashboard.Tests.Realisasi;

/// <summary>
/// The built pk-dashboard binary on a free loopback port against a fresh test database with one seeded agency,
/// and Debian's chromium driven by Playwright: for the interactive behaviour of the realisation pages.
/// </summary>
public sealed class RealisasiBrowser : IAsyncLifetime
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly StringBuilder log = new();
    private Process? process;
    private IPlaywright? playwright;

    public TestDatabase Database { get; } = new();

    public SeededAgency Seed { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    private static string ExecutablePath =>
        Path.Combine(Repo.Root, "dashboards", "PkAnalytics.Dashboard", "bin", Configuration, "net9.0", "linux-x64", "pk-dashboard");

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Seed = await RealisationSeed.InsertAsync(Database.DataSource, "browser");
        BaseUrl = $"http://127.0.0.1:{SmtpTestServer.FreePort()}";
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = Path.GetDirectoryName(ExecutablePath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("PK_DB");
        start.Environment["ASPNETCORE_URLS"] = BaseUrl;
        start.Environment["ConnectionStrings__Warehouse"] = Database.ConnectionString;
        start.Environment["Dashboard__TimeZone"] = "Asia/Makassar";
        process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {ExecutablePath}");
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"pk-dashboard exited with {process.ExitCode} at start:\n{Log}");
            }

            try
            {
                if ((await http.GetAsync(BaseUrl + "/health")).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"pk-dashboard did not answer /health within 60 s:\n{Log}");
            }

            await Task.Delay(250);
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>Opens a page and waits until the Blazor circuit is interactive.</summary>
    public async Task<IPage> OpenAsync(string path)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = "id-ID",
            AcceptDownloads = true,
            TimezoneId = "Asia/Makassar",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + path);
        // The page marks itself once the circuit is up and its first data is loaded; Radzen charts render only then.
        await page.WaitForFunctionAsync("() => window.Blazor && document.querySelector('[data-pk-interactive]') !== null",
            null, new PageWaitForFunctionOptions { Timeout = 20000 });
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        await Database.DisposeAsync();
    }
}
