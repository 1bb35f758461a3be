using System.Diagnostics;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Npgsql;
using PkAnalytics.Dashboard.Components.Account;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Tests.EndToEnd;

/// <summary>
/// The built dashboard binary (pk-dashboard, as `./pk up` runs it) on a free loopback port against a fresh test
/// database filled by <see cref="SeedAsync"/>, plus Debian's chromium driven by Playwright. The one harness for
/// every browser test: the dashboard pages open with <see cref="OpenAsync"/>, the realisation pages with
/// <see cref="OpenInteractiveAsync"/>, each signed in as an account of the given role (one per role, made at start;
/// the Operator's agency is <see cref="OperatorAgencyId"/>), through the real login form.
/// </summary>
public abstract class DashboardServer : IAsyncLifetime
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

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The one password of the accounts this harness makes (generated per run).</summary>
    public string Password { get; } = AccountAdministration.GeneratePassword();

    private readonly Dictionary<string, string> signedIn = [];

    public static string EmailOf(string role) => $"{role.ToLowerInvariant()}@uji.local";

    /// <summary>The agency of the Operator account: the first agency by id unless a harness says otherwise.</summary>
    public int? OperatorAgencyId { get; protected set; }

    public static string ExecutablePath =>
        Path.Combine(Repo.Root, "dashboards", "PkAnalytics.Dashboard", "bin", Configuration, "net10.0", "pk-dashboard");

    /// <summary>Screenshots of every page go here (git-ignored): look at them.</summary>
    public static string ScreenshotFolder => Path.Combine(Repo.Root, "artifacts", "screenshots");

    protected abstract Task SeedAsync(NpgsqlDataSource dataSource);

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await SeedAsync(Database.DataSource);
        await CreateAccountsAsync();

        (process, BaseUrl) = await StartProcessAsync();
        if (WithWorker)
        {
            StartWorker();
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>
    /// Starts one more pk-dashboard process on the same database (as a second server behind a proxy would run),
    /// on its own free port; returns when it answers /health. The caller stops it (or DisposeAsync does).
    /// </summary>
    public async Task<(Process Process, string BaseUrl)> StartProcessAsync()
    {
        var url = $"http://127.0.0.1:{SmtpTestServer.FreePort()}";
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = Path.GetDirectoryName(ExecutablePath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("PK_DB"); // PK_DB would override the test database
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["ConnectionStrings__Warehouse"] = Database.ConnectionString;
        start.Environment["Dashboard__TimeZone"] = "Asia/Makassar";
        var started = Process.Start(start) ?? throw new InvalidOperationException($"could not start {ExecutablePath}");
        started.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        started.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        extraProcesses.Add(started);

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (started.HasExited)
            {
                throw new InvalidOperationException($"pk-dashboard exited with {started.ExitCode} at start:\n{Log}");
            }

            try
            {
                if ((await http.GetAsync(url + "/health")).IsSuccessStatusCode)
                {
                    return (started, url);
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
    }

    private readonly List<Process> extraProcesses = [];

    /// <summary>Also run an ETL worker (as ./pk up does): uploads are read for their preview and loaded by it.</summary>
    protected virtual bool WithWorker => false;

    public static string WorkerExecutablePath =>
        Path.Combine(Repo.Root, "etl", "PkAnalytics.Etl", "bin", Configuration, "net10.0", "pk-etl");

    private void StartWorker()
    {
        var start = new ProcessStartInfo(WorkerExecutablePath, ["worker", "--poll", "1", "--name", "e2e"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PK_DB"] = Database.ConnectionString;
        var worker = Process.Start(start) ?? throw new InvalidOperationException($"could not start {WorkerExecutablePath}");
        worker.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        worker.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        extraProcesses.Add(worker);
    }

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

    private async Task CreateAccountsAsync()
    {
        await using (var connection = await Database.DataSource.OpenConnectionAsync())
        {
            OperatorAgencyId ??= await connection.ExecuteScalarAsync<int?>("select min(agency_id) from dim_agency");
        }

        var builder = WebApplication.CreateBuilder();
        builder.Configuration["ConnectionStrings:Warehouse"] = Database.ConnectionString;
        builder.Logging.ClearProviders();
        builder.AddDashboard();
        await using var app = builder.Build();
        var accounts = app.Services.GetRequiredService<AccountAdministration>();
        foreach (var role in PkRoles.All.Where(r => r != PkRoles.Operator || OperatorAgencyId is not null))
        {
            var result = await accounts.CreateAsync(ViewerScope.System, EmailOf(role), "Uji " + role, role,
                role == PkRoles.Operator ? OperatorAgencyId : null, Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"could not create the {role} account: {result.Error}");
            }
        }
    }

    /// <summary>A fresh browser context at the viewport, as an Indonesian user in Luwu Timur sees it, signed in as the role (or not, for null).</summary>
    public async Task<IBrowserContext> NewContextAsync(int width, int height, string? role)
    {
        var options = new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            Locale = "id-ID",
            TimezoneId = "Asia/Makassar",
        };
        if (role is not null)
        {
            options.StorageState = await SignedInStateAsync(role);
        }

        return await Browser.NewContextAsync(options);
    }

    /// <summary>Signs the role's account in once through the login page; later contexts reuse its cookies.</summary>
    private async Task<string> SignedInStateAsync(string role)
    {
        if (signedIn.TryGetValue(role, out var state))
        {
            return state;
        }

        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, EmailOf(role), Password);
        return signedIn[role] = await context.StorageStateAsync();
    }

    /// <summary>Fills and submits the login form; waits until the browser has left the login page.</summary>
    public async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync(BaseUrl + "/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal), new() { Timeout = 20_000 });
    }

    private async Task<IPage> NewPageAsync(int width, int height, string? role) =>
        await (await NewContextAsync(width, height, role)).NewPageAsync();

    /// <summary>
    /// Opens a path at the given viewport (default 1366x768, the office laptops) and waits until the interactive
    /// circuit is up and charts have drawn.
    /// </summary>
    public async Task<IPage> OpenAsync(string path, int width = 1366, int height = 768, string? role = PkRoles.Admin)
    {
        var page = await NewPageAsync(width, height, role);
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(BaseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await page.WaitForSelectorAsync("h1");
        await page.WaitForTimeoutAsync(600); // Radzen charts measure their width after the circuit starts
        return page;
    }

    /// <summary>
    /// Opens a realisation page (1366x900, Playwright's default action timeout) and waits until the Blazor circuit
    /// is interactive.
    /// </summary>
    public async Task<IPage> OpenInteractiveAsync(string path, string role = PkRoles.Operator)
    {
        var page = await NewPageAsync(1366, 900, role);
        await page.GotoAsync(BaseUrl + path);
        // The page marks itself once the circuit is up and its first data is loaded; Radzen charts render only then.
        await page.WaitForFunctionAsync("() => window.Blazor && document.querySelector('[data-pk-interactive]') !== null",
            null, new PageWaitForFunctionOptions { Timeout = 20000 });
        return page;
    }

    public async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        // What the user sees first, then (below) the whole page.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + "-layar.png") });
        // The Radzen layout scrolls inside its body; let it grow so the full-page shot holds the whole page.
        await page.AddStyleTagAsync(new PageAddStyleTagOptions { Content = ".rz-layout, .rz-body { height: auto !important; overflow: visible !important; }" });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        foreach (var running in extraProcesses.Where(p => !p.HasExited))
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync();
        }

        process?.Dispose();
        await Database.DisposeAsync();
    }
}
