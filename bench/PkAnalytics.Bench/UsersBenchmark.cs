using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Npgsql;
using PkAnalytics.Bench.Users;
using PkAnalytics.Dashboard;
using PkAnalytics.Dashboard.Components.Account;
using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.Data;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Bench;

/// <summary>
/// `pk bench users`: N signed-in users at once on the dashboard, each with its own cookie and its own Blazor circuit,
/// going round the overview, an agency page and the comparison of five agencies on the
/// 10.000-document corpus (as `pk bench dashboard` builds it, or a kept database), with a think time between pages,
/// for M minutes. The bench starts its own pk-dashboard on a free loopback port (report scheduling off) and stops it,
/// the browser and the database it made at the end, on Ctrl-C and on SIGTERM; the dashboard runs under `timeout`,
/// so even a killed bench leaves nothing running for long. Reports per page: time until the page's data is on
/// screen (p50/p95, see <see cref="PageProbe"/>), errors (HTTP >= 400, failed requests, browser console errors and
/// page errors, circuit failures, fail/crit lines in the server log), server memory per session (RSS of pk-dashboard
/// after the sessions connected minus before, divided by N) and where the CPU went (pk-dashboard, chromium,
/// PostgreSQL, the bench, other processes of the machine). Target: 50 users, p95 under 1 s, no errors.
/// Two clients: `--client circuits` (the default) drives each user's circuit over SignalR as blazor.web.js does
/// (<see cref="CircuitClient"/>), so the two cores are the server's; `--client chromium` gives each user a real chromium
/// browser context, which measures fifty browsers laying out and painting on the same two cores as well.
/// </summary>
public sealed class UsersBenchmark : IBenchmark
{
    private const int TargetMilliseconds = 1000;
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(60);

    public string Name => "users";

    public string Summary =>
        "users [--users N] [--minutes M] [--think S] [--reload-every K] [--client circuits|chromium] [--database NAME | --keep] [--documents D] [--realisation R]   " +
        "N (50) signed-in sessions (Blazor circuits, or chromium contexts) for M (5) minutes over overview, agency and comparison pages; p50/p95, errors, memory per session";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = BenchArgs.Parse(args,
            ["--users", "--minutes", "--think", "--reload-every", "--client", "--database", "--documents", "--realisation", "--dashboard"], ["--keep"]);
        var settings = new Settings(
            Users: Math.Min(options.Int("--users", 50), 200),
            Minutes: double.Parse(options.Get("--minutes") ?? "5", CultureInfo.InvariantCulture),
            ThinkSeconds: double.Parse(options.Get("--think") ?? "10", CultureInfo.InvariantCulture),
            ReloadEvery: options.Int("--reload-every", 4),
            Browser: (options.Get("--client") ?? "circuits") == "chromium");
        if (settings.Minutes <= 0 || settings.Minutes > 120 || settings.ThinkSeconds < 0 || options.Get("--client") is not (null or "circuits" or "chromium"))
        {
            Console.Error.WriteLine("pk bench users: --minutes must be in (0, 120], --think >= 0, --client circuits or chromium");
            return 2;
        }

        var dashboardPath = options.Get("--dashboard") ?? DashboardExecutable();
        if (!File.Exists(dashboardPath))
        {
            Console.Error.WriteLine($"pk bench users: {dashboardPath} is not built (./pk bench builds it; or give --dashboard PATH)");
            return 2;
        }

        if (settings.Browser && !File.Exists("/usr/bin/chromium"))
        {
            Console.Error.WriteLine("pk bench users: /usr/bin/chromium is missing (Debian package chromium; ./pk test installs it)");
            return 2;
        }

        // Ctrl-C comes through the token; SIGTERM (and SIGHUP) stop the run the same way.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; stop.Cancel(); });

        var admin = WarehouseOptions.ResolveConnectionString(null);
        var reuse = options.Get("--database");
        var name = reuse ?? "pk_bench_users_" + Guid.NewGuid().ToString("N")[..8];
        if (reuse is null)
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync(stop.Token);
            await new NpgsqlCommand($"create database {name}", connection).ExecuteNonQueryAsync(stop.Token);
        }

        var target = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        try
        {
            await using var dataSource = WarehouseServiceCollectionExtensions.CreateDataSource(
                new NpgsqlConnectionStringBuilder(target) { MaxPoolSize = 20 }.ConnectionString);
            await new SchemaMigrator(dataSource).MigrateAsync(stop.Token);
            if (reuse is null)
            {
                await DashboardBenchmark.LoadCorpusAsync(dataSource, options.Int("--documents", 10_000), 5, stop.Token);
                await DashboardBenchmark.WriteRealisationAsync(dataSource, options.Int("--realisation", 1_000_000), stop.Token);
            }

            await new DashboardReadModelRefresher(dataSource).RefreshAsync(force: true, stop.Token);
            var plan = await PlanAsync(dataSource, name, stop.Token);
            var password = AccountAdministration.GeneratePassword();
            var accounts = await CreateAccountsAsync(target, settings.Users, password, stop.Token);
            Console.WriteLine($"accounts: {accounts.Count} - one per simulated user ({accounts.Count(a => a.Role == PkRoles.Pimpinan)} Pimpinan, " +
                              $"{accounts.Count(a => a.Role == PkRoles.Bappeda)} Bappeda; both see every agency), signed in through the login form");
            await using var run = new UsersRun(settings, plan, accounts, password, dashboardPath, target);
            return await run.ExecuteAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.WriteLine("stopped (Ctrl-C or SIGTERM): the dashboard, the browser and the sessions are stopped");
            return 130;
        }
        finally
        {
            if (reuse is null && !options.Has("--keep"))
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync(CancellationToken.None);
                await new NpgsqlCommand($"drop database if exists {name} with (force)", connection).ExecuteNonQueryAsync(CancellationToken.None);
            }
            else
            {
                Console.WriteLine($"database kept: {name} (rerun with --database {name})");
            }
        }
    }

    private static string DashboardExecutable()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release"; // bin/<Configuration>/net10.0/
        return Path.Combine(Path.GetDirectoryName(BenchArgs.SeedsFolder())!, "dashboards", "PkAnalytics.Dashboard", "bin", configuration, "net10.0", "pk-dashboard");
    }

    private static async Task<Plan> PlanAsync(NpgsqlDataSource dataSource, string database, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var year = await connection.QuerySingleAsync<int>(new CommandDefinition(
            "select year from rm_agency_year group by year order by sum(agreements) desc, year desc limit 1", cancellationToken: cancellationToken));
        var agencies = (await connection.QueryAsync<int>(new CommandDefinition(
            "select agency_id from rm_agency_year where year = @year and agreements > 0 order by agency_id", new { year }, cancellationToken: cancellationToken))).ToList();
        var (documents, realisation) = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            "select (select count(*) from dim_document), (select count(*) from fact_indicator_realisation)", cancellationToken: cancellationToken));
        Console.WriteLine($"database: {database}: {documents} documents, {realisation} indicator realisation rows; year {year}, {agencies.Count} agencies with agreements");
        if (agencies.Count == 0)
        {
            throw new InvalidOperationException($"database {database} has no agency with agreements in {year}");
        }

        return new Plan(year, agencies);
    }

    /// <summary>One account per simulated user (Pimpinan and Bappeda alternately), made or given the run's password.</summary>
    private static async Task<IReadOnlyList<Account>> CreateAccountsAsync(string connectionString, int users, string password, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["ConnectionStrings:Warehouse"] = connectionString;
        builder.Logging.ClearProviders();
        // PK_DB, when set, overrides the configured connection string: this database, not PK_DB's, for the build.
        var previous = Environment.GetEnvironmentVariable("PK_DB");
        Environment.SetEnvironmentVariable("PK_DB", connectionString);
        try
        {
            builder.AddDashboard();
        }
        finally
        {
            Environment.SetEnvironmentVariable("PK_DB", previous);
            // AddDashboard makes Indonesian the default culture; the bench prints invariant numbers.
            CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
            CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        }

        await using var app = builder.Build();
        var administration = app.Services.GetRequiredService<AccountAdministration>();
        var existing = (await administration.ListAsync(ViewerScope.System, cancellationToken)).Select(a => a.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var accounts = new List<Account>();
        for (var i = 1; i <= users; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var email = $"beban{i:000}@bench.local";
            var role = i % 2 == 1 ? PkRoles.Pimpinan : PkRoles.Bappeda;
            var result = existing.Contains(email)
                ? await administration.ResetPasswordAsync(ViewerScope.System, email, password)
                : await administration.CreateAsync(ViewerScope.System, email, $"Pengguna Beban {i}", role, null, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"could not prepare account {email}: {result.Error}");
            }

            accounts.Add(new Account(email, role));
        }

        return accounts;
    }

    internal sealed record Settings(int Users, double Minutes, double ThinkSeconds, int ReloadEvery, bool Browser);

    internal sealed record Plan(int Year, IReadOnlyList<int> Agencies);

    internal sealed record Account(string Email, string Role);

    internal sealed record Sample(string Page, bool FullLoad, ProbeResult? Probe, string? Error, bool RampUp)
    {
        public double? DataMs => FullLoad ? Probe?.FirstData : null;

        public double? DoneMs => Probe?.Done;
    }

    /// <summary>One run: the dashboard process, the browser, the sessions, the probes; disposing stops all of it.</summary>
    private sealed class UsersRun(Settings settings, Plan plan, IReadOnlyList<Account> accounts, string password, string dashboardPath, string connectionString)
        : IAsyncDisposable
    {
        private readonly ConcurrentBag<Sample> samples = [];
        private readonly ConcurrentQueue<string> browserErrors = new();
        private readonly string logPath = Path.Combine(Path.GetTempPath(), $"pk-bench-users-{Environment.ProcessId}-dashboard.log");
        private Process? guard;
        private int dashboardPid;
        private IPlaywright? playwright;
        private IBrowser? browser;
        private StreamWriter? log;
        private string baseUrl = "";
        private volatile bool measuring = true;
        private Session[] sessions = [];

        public string BaseUrl => baseUrl;

        public double ThinkSeconds => settings.ThinkSeconds;

        public int ReloadEvery => settings.ReloadEvery;

        public bool UsesBrowser => settings.Browser;

        public string Password => password;

        public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            var rampUpBudget = TimeSpan.FromSeconds(60 + accounts.Count * 6);
            await StartDashboardAsync(TimeSpan.FromMinutes(settings.Minutes) + rampUpBudget + TimeSpan.FromMinutes(2), cancellationToken);
            if (settings.Browser)
            {
                playwright = await Playwright.CreateAsync();
                browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = "/usr/bin/chromium",
                    Headless = true,
                    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
                });
            }

            Console.WriteLine($"dashboard: {dashboardPath} on {baseUrl} (pid {dashboardPid}, report scheduling off, log {logPath})");
            Console.WriteLine((settings.Browser
                                  ? "client: one headless chromium (/usr/bin/chromium, Playwright), one browser context per user"
                                  : "client: one Blazor circuit per user over SignalR (blazorpack, WebSocket), as blazor.web.js opens it; render batches acknowledged, " +
                                    $"page JavaScript answered; a page is done {CircuitClient.Quiet.TotalMilliseconds:0} ms after its last render batch (the time is that batch's)") +
                              "; think time " +
                              $"{settings.ThinkSeconds * 0.5:0.#}-{settings.ThinkSeconds * 1.5:0.#} s between pages; every {settings.ReloadEvery}th page a full load " +
                              "(new circuit), the others in-app navigation in the circuit (as a click on a link)");

            // Warm-up: one context opens every page once (JIT, caches, connection pool), then closes.
            await WarmUpAsync(cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            var rssBefore = ProcessProbe.Rss(dashboardPid) ?? 0;

            // Ramp-up: every user signs in (login form) and opens the overview (a circuit each), four at a time.
            var rampUp = Stopwatch.StartNew();
            var sessions = this.sessions = new Session[accounts.Count];
            using (var gate = new SemaphoreSlim(4))
            {
                await Task.WhenAll(accounts.Select(async (account, i) =>
                {
                    await gate.WaitAsync(cancellationToken);
                    try
                    {
                        sessions[i] = await Session.OpenAsync(this, i, account, cancellationToken);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }

            var connected = sessions.Count(s => s.Connected);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ramp-up: {connected} of {sessions.Length} sessions signed in and on the overview (a circuit each) in {rampUp.Elapsed.TotalSeconds:0.0} s " +
                $"(sign-in p50 {Percentile(sessions.Select(s => s.SignInMs).ToList(), 0.5):0} ms)"));
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            var rssConnected = ProcessProbe.Rss(dashboardPid) ?? 0;

            // The measured period: M minutes of every session going round its pages.
            var cpu = new CpuAccount(dashboardPid, await PostmasterPidAsync(cancellationToken));
            var cpuStart = cpu.Take();
            var steady = Stopwatch.StartNew();
            using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            window.CancelAfter(TimeSpan.FromMinutes(settings.Minutes));
            long rssPeak = rssConnected;
            var sampler = Task.Run(async () =>
            {
                while (!window.IsCancellationRequested)
                {
                    rssPeak = Math.Max(rssPeak, ProcessProbe.Rss(dashboardPid) ?? 0);
                    try
                    {
                        await Task.Delay(2000, window.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            }, CancellationToken.None);
            await Task.WhenAll(sessions.Where(s => s.Connected).Select(s => s.RunAsync(window.Token)));
            await sampler;
            var elapsed = steady.Elapsed;
            var cpuEnd = cpu.Take(); // before any browser context closes: a closed renderer takes its CPU time with it
            // Teardown is not measured: the browser goes before the dashboard, so no page is left to reconnect.
            measuring = false;
            await CloseClientsAsync();
            cancellationToken.ThrowIfCancellationRequested();
            var rssEnd = ProcessProbe.Rss(dashboardPid) ?? 0;
            var serverLog = await StopDashboardAsync();

            Report(sessions, elapsed, rssBefore, rssConnected, rssEnd, rssPeak, cpuStart, cpuEnd, serverLog, clock.Elapsed);
            return 0;
        }

        private async Task StartDashboardAsync(TimeSpan lifetime, CancellationToken cancellationToken)
        {
            var port = FreePort();
            baseUrl = $"http://127.0.0.1:{port}";
            // `timeout` bounds the dashboard's life even if this bench is killed without a chance to stop it.
            var start = new ProcessStartInfo("/usr/bin/timeout")
            {
                WorkingDirectory = Path.GetDirectoryName(dashboardPath)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[] { "--signal=TERM", "--kill-after=15", ((int)lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture), dashboardPath })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment.Remove("PK_DB");
            start.Environment["ConnectionStrings__Warehouse"] = connectionString;
            start.Environment["ASPNETCORE_URLS"] = baseUrl;
            start.Environment["Dashboard__TimeZone"] = "Asia/Makassar";
            start.Environment["Reports__Scheduling"] = "false";
            log = new StreamWriter(logPath) { AutoFlush = true };
            guard = Process.Start(start) ?? throw new InvalidOperationException("could not start the dashboard");
            guard.OutputDataReceived += (_, e) => WriteLog(e.Data);
            guard.ErrorDataReceived += (_, e) => WriteLog(e.Data);
            guard.BeginOutputReadLine();
            guard.BeginErrorReadLine();

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (guard.HasExited)
                {
                    throw new InvalidOperationException($"pk-dashboard exited with {guard.ExitCode} at start; see {logPath}");
                }

                try
                {
                    if ((await http.GetAsync(baseUrl + "/health", cancellationToken)).IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"pk-dashboard did not answer /health within 120 s; see {logPath}");
                }

                await Task.Delay(250, cancellationToken);
            }

            dashboardPid = ProcessProbe.Tree(ProcessProbe.Snapshot(), guard.Id).FirstOrDefault(e => e.Pid != guard.Id)?.Pid ?? guard.Id;
        }

        private void WriteLog(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (logPath)
            {
                log?.WriteLine(line);
            }
        }

        /// <summary>Stops the dashboard (SIGTERM through timeout's child, then kill) and returns its log.</summary>
        private async Task<string> StopDashboardAsync()
        {
            if (guard is { HasExited: false })
            {
                if (dashboardPid != 0 && dashboardPid != guard.Id)
                {
                    Kill(dashboardPid, 15);
                }

                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                try
                {
                    await guard.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    guard.Kill(entireProcessTree: true);
                    await guard.WaitForExitAsync(CancellationToken.None);
                }
            }

            lock (logPath)
            {
                log?.Dispose();
                log = null;
            }

            return File.Exists(logPath) ? await File.ReadAllTextAsync(logPath) : "";
        }

        private async Task<int?> PostmasterPidAsync(CancellationToken cancellationToken)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                var backend = await connection.ExecuteScalarAsync<int>("select pg_backend_pid()");
                return ProcessProbe.Snapshot().TryGetValue(backend, out var entry) ? entry.ParentPid : null; // null: a remote server
            }
            catch (NpgsqlException)
            {
                return null;
            }
        }

        private async Task WarmUpAsync(CancellationToken cancellationToken)
        {
            if (!settings.Browser)
            {
                await using var client = new CircuitClient(baseUrl);
                await client.SignInAsync(accounts[0].Email, password, cancellationToken);
                var full = true;
                foreach (var (url, kind) in new[] { (Overview(), "overview"), (Agency(0), "agency"), (Comparison(0), "comparison"), (Overview(), "overview"), (Agency(1), "agency") })
                {
                    var probe = full
                        ? await client.LoadAsync(url, kind, PageTimeout, cancellationToken)
                        : await client.NavigateAsync(url, kind, PageTimeout, cancellationToken);
                    full = !full;
                    if (probe.Error is not null)
                    {
                        throw new InvalidOperationException($"warm-up: {url}: {probe.Error}");
                    }
                }

                return;
            }

            await using var context = await NewContextAsync();
            var page = await context.NewPageAsync();
            await SignInAsync(page, accounts[0].Email, cancellationToken);
            foreach (var url in new[] { Overview(), Agency(0), Comparison(0), Overview() })
            {
                await page.GotoAsync(baseUrl + url);
                await WaitAsync(page);
            }
        }

        public string Overview() => $"/?tahun={plan.Year}";

        public string Agency(int step) => $"/opd/{plan.Agencies[step % plan.Agencies.Count]}?tahun={plan.Year}";

        public string Comparison(int step)
        {
            var chosen = Enumerable.Range(0, Math.Min(5, plan.Agencies.Count)).Select(k => plan.Agencies[(step * 5 + k) % plan.Agencies.Count]).Distinct();
            return $"/perbandingan?tahun={plan.Year}&opd={string.Join(',', chosen)}";
        }

        public async Task<IBrowserContext> NewContextAsync()
        {
            var context = await browser!.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
                Locale = "id-ID",
                TimezoneId = "Asia/Makassar",
            });
            await context.AddInitScriptAsync(PageProbe.InitScript);
            return context;
        }

        /// <summary>The login form, as a person fills it; true once the browser has left the login page.</summary>
        public async Task SignInAsync(IPage page, string email, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await page.GotoAsync(baseUrl + "/Account/Login");
            await page.GetByLabel("E-mail").FillAsync(email);
            await page.GetByLabel("Kata sandi").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal), new() { Timeout = 60_000 });
        }

        /// <summary>Waits until the page probe says done or failed; (data ms, done ms, error).</summary>
        public static async Task<(ProbeResult? Probe, string? Error)> WaitAsync(IPage page)
        {
            try
            {
                await page.WaitForFunctionAsync(PageProbe.Settled, null, new PageWaitForFunctionOptions
                {
                    PollingInterval = 100,
                    Timeout = (float)PageTimeout.TotalMilliseconds,
                });
            }
            catch (TimeoutException)
            {
                var seen = await page.EvaluateAsync<string>(
                    "() => `${location.pathname}: h1 '${document.querySelector('main h1')?.textContent?.trim() ?? ''}', loading seen ${window.__pk?.loadingSeen}, loading now ${!!document.querySelector('main .pk-loading')}, first data ${window.__pk?.firstData}, done in the page ${window.__pk?.done}, ${document.getElementsByTagName('*').length} DOM elements, trace ${window.__pk?.trace?.join(' ')}`");
                return (null, $"timeout: the browser did not report the page within {PageTimeout.TotalSeconds:0} s ({seen})");
            }

            var result = await page.EvaluateAsync<ProbeResult>(PageProbe.Read);
            return (result, result.Error);
        }

        public void Record(Sample sample) => samples.Add(sample);

        public void BrowserError(string what)
        {
            if (measuring)
            {
                browserErrors.Enqueue(what);
            }
        }

        /// <summary>Closes every user's circuit, then the browser (if any): no page is left to reconnect once the dashboard stops.</summary>
        private async Task CloseClientsAsync()
        {
            foreach (var session in sessions.Where(s => s is not null))
            {
                await session.DisposeAsync();
            }

            await CloseBrowserAsync();
        }

        private async Task CloseBrowserAsync()
        {
            try
            {
                if (browser is not null)
                {
                    await browser.CloseAsync();
                }
            }
            catch (PlaywrightException)
            {
            }

            browser = null;
        }

        private void Report(Session[] sessions, TimeSpan elapsed, long rssBefore, long rssConnected, long rssEnd, long rssPeak,
            CpuAccount.Reading cpuStart, CpuAccount.Reading cpuEnd, string serverLog, TimeSpan total)
        {
            var connected = sessions.Count(s => s.Connected);
            var measured = samples.Where(s => !s.RampUp).ToList();
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"measured: {elapsed.TotalMinutes:0.0} min, {connected} concurrent users, {measured.Count} page views " +
                $"({measured.Count / elapsed.TotalSeconds:0.00} per second)"));
            Console.WriteLine("time until the page's data is on screen, ms (data: first shown, prerendered; live: the circuit's own render, charts drawn)");
            Console.WriteLine($"{"page",-12} {"navigation",-10} {"views",6} {"data p50",9} {"data p95",9} {"live p50",9} {"live p95",9} {"live max",9} {"errors",7}");
            var failedTarget = new List<string>();
            foreach (var group in measured.GroupBy(s => (s.Page, s.FullLoad)).OrderBy(g => PageOrder(g.Key.Page)).ThenBy(g => g.Key.FullLoad))
            {
                var done = group.Where(s => s.Error is null && s.DoneMs is not null).Select(s => s.DoneMs!.Value).Order().ToList();
                var data = group.Where(s => s.Error is null && s.DataMs is not null).Select(s => s.DataMs!.Value).Order().ToList();
                var errors = group.Count(s => s.Error is not null);
                var how = group.Key.FullLoad ? "full load" : "in-app";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{group.Key.Page,-12} {how,-10} {group.Count(),6} {Fmt(data, 0.5),9} {Fmt(data, 0.95),9} {Fmt(done, 0.5),9} {Fmt(done, 0.95),9} {Fmt(done, 1.0),9} {errors,7}"));
                if (done.Count > 0 && Percentile(done, 0.95) >= TargetMilliseconds)
                {
                    failedTarget.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{group.Key.Page} ({how}) p95 {Percentile(done, 0.95):0} ms, {Percentile(done, 0.95) - TargetMilliseconds:0} ms over"));
                }
            }

            var first = samples.Where(s => s.RampUp).ToList();
            var firstDone = first.Where(s => s.Error is null && s.DoneMs is not null).Select(s => s.DoneMs!.Value).Order().ToList();
            var firstData = first.Where(s => s.Error is null && s.DataMs is not null).Select(s => s.DataMs!.Value).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"(ramp-up)",-12} {"overview",-10} {first.Count,6} {Fmt(firstData, 0.5),9} {Fmt(firstData, 0.95),9} {Fmt(firstDone, 0.5),9} {Fmt(firstDone, 0.95),9} {Fmt(firstDone, 1.0),9} {first.Count(s => s.Error is not null),7}   (first page after sign-in, not in the figures above)"));
            var all = measured.Where(s => s.Error is null && s.DoneMs is not null).Select(s => s.DoneMs!.Value).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"all",-12} {"",-10} {measured.Count,6} {"",9} {"",9} {Fmt(all, 0.5),9} {Fmt(all, 0.95),9} {Fmt(all, 1.0),9} {measured.Count(s => s.Error is not null),7}"));

            // Where a page's time goes (p50 of the successful views): the server's prerendered response, the circuit's
            // WebSocket, the circuit's first render (loading state), its render with the data, the charts drawn.
            Console.WriteLine("where the time goes, p50 ms from the start of the navigation: response (prerendered HTML) / circuit open / loading shown / data rendered live / charts drawn; DOM elements");
            foreach (var group in measured.Where(s => s.Error is null && s.Probe is not null).GroupBy(s => (s.Page, s.FullLoad))
                         .OrderBy(g => PageOrder(g.Key.Page)).ThenBy(g => g.Key.FullLoad))
            {
                string P(Func<ProbeResult, double?> pick) => Fmt(group.Select(s => pick(s.Probe!)).OfType<double>().Order().ToList(), 0.5);
                Console.WriteLine($"  {group.Key.Page,-12} {(group.Key.FullLoad ? "full load" : "in-app"),-10} " +
                                  $"{P(p => p.ResponseEnd)} / {P(p => p.SocketOpen)} / {P(p => p.LoadingAt)} / {P(p => p.LiveData)} / {P(p => p.Done)}; " +
                                  $"{P(p => p.Elements)}");
            }

            // Errors: pages, browser, server log.
            var pageErrors = samples.Where(s => s.Error is not null).GroupBy(s => s.Error!).OrderByDescending(g => g.Count()).ToList();
            var browserErrorList = browserErrors.ToList();
            var logErrors = Regex.Matches(serverLog, @"^(fail|crit): .*$", RegexOptions.Multiline).Select(m => m.Value).ToList();
            var exceptions = Regex.Matches(serverLog, @"^\s*[\w.]+Exception: .*$", RegexOptions.Multiline).Select(m => m.Value.Trim()).ToList();
            var errorCount = pageErrors.Sum(g => g.Count()) + browserErrorList.Count + logErrors.Count + sessions.Count(s => !s.Connected);
            Console.WriteLine($"errors: {errorCount} - pages {pageErrors.Sum(g => g.Count())}, " +
                              (settings.Browser ? "browser (HTTP >= 400, failed requests, console errors, page errors) " : "client (circuit closed or failed between pages) ") +
                              $"{browserErrorList.Count}, server log fail/crit {logErrors.Count} (exception lines {exceptions.Count}), sessions that could not sign in {sessions.Count(s => !s.Connected)}");
            foreach (var e in pageErrors.Take(5))
            {
                Console.WriteLine($"  page x{e.Count()}: {e.Key}");
            }

            foreach (var e in browserErrorList.GroupBy(e => e).OrderByDescending(g => g.Count()).Take(5))
            {
                Console.WriteLine($"  browser x{e.Count()}: {Shorten(e.Key)}");
            }

            foreach (var e in logErrors.Concat(exceptions).GroupBy(e => e).OrderByDescending(g => g.Count()).Take(5))
            {
                Console.WriteLine($"  server log x{e.Count()}: {Shorten(e.Key)}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"server memory (RSS of pk-dashboard): {Mb(rssBefore)} before the sessions, {Mb(rssConnected)} with {connected} connected, " +
                $"{Mb(rssEnd)} at the end, peak {Mb(rssPeak)}; per session {(connected > 0 ? (rssConnected - rssBefore) / (double)connected / 1048576 : 0):0.0} MB " +
                $"((connected - before) / {connected}; server GC as configured)"));

            var seconds = elapsed.TotalSeconds;
            var cores = Environment.ProcessorCount;
            string Share(string label, double s) => string.Create(CultureInfo.InvariantCulture, $"{label} {s / seconds:0.00}");
            var dashboardCpu = cpuEnd.Dashboard - cpuStart.Dashboard;
            var chromiumCpu = cpuEnd.Chromium - cpuStart.Chromium;
            var driverCpu = cpuEnd.Driver - cpuStart.Driver + (cpuEnd.Bench - cpuStart.Bench);
            var postgresCpu = cpuEnd.Postgres - cpuStart.Postgres;
            var busy = cpuEnd.MachineBusy - cpuStart.MachineBusy;
            var other = Math.Max(0, busy - dashboardCpu - chromiumCpu - driverCpu - postgresCpu);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU, cores used on average ({cores} cores; machine busy {busy / seconds:0.00}): ") + string.Join(", ",
                Share("pk-dashboard", dashboardCpu), Share("chromium", chromiumCpu), Share("PostgreSQL", postgresCpu),
                Share(settings.Browser ? "bench + Playwright driver" : "bench (the circuit clients)", driverCpu), Share("other processes (not this bench)", other)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  per page view: pk-dashboard {dashboardCpu * 1000 / Math.Max(1, measured.Count):0} ms CPU, chromium {chromiumCpu * 1000 / Math.Max(1, measured.Count):0} ms, PostgreSQL {postgresCpu * 1000 / Math.Max(1, measured.Count):0} ms"));

            var verdict = errorCount == 0 && failedTarget.Count == 0 && connected == accounts.Count
                ? $"target met: {connected} users, p95 under {TargetMilliseconds} ms on every page, no errors"
                : "target missed: " + string.Join("; ", failedTarget.Concat(errorCount > 0 ? [$"{errorCount} errors"] : []));
            Console.WriteLine(verdict + string.Create(CultureInfo.InvariantCulture, $" (whole run {total.TotalMinutes:0.0} min)"));
            if (busy / seconds > cores * 0.9)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"note: the machine was saturated ({busy / seconds:0.00} of {cores} cores busy): page times include waiting for a core"));
            }
        }

        private static int PageOrder(string page) => page switch { "overview" => 0, "agency" => 1, "comparison" => 2, _ => 3 };

        private static string Fmt(List<double> sorted, double p) =>
            sorted.Count == 0 ? "-" : Percentile(sorted, p).ToString("0", CultureInfo.InvariantCulture);

        private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0} MB");

        private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";

        public async ValueTask DisposeAsync()
        {
            measuring = false;
            await CloseClientsAsync();
            playwright?.Dispose();
            await StopDashboardAsync();
            guard?.Dispose();
        }
    }

    /// <summary>What the page probe measured, ms from the start of the navigation (see <see cref="PageProbe"/>).</summary>
    internal sealed class ProbeResult
    {
        public double? LoadingAt { get; set; }

        public double? LiveData { get; set; }

        public double? SocketOpen { get; set; }

        public double? ResponseEnd { get; set; }

        public int? Elements { get; set; }

        public double? Done { get; set; }

        public double? FirstData { get; set; }

        public string? Error { get; set; }
    }

    /// <summary>One simulated user signed in as its account - a Blazor circuit of its own, or a browser context with one page - going round.</summary>
    private sealed class Session(UsersRun run, int index, IPage? page, CircuitClient? circuit) : IAsyncDisposable
    {
        private readonly Random random = new(index * 7919 + 17);
        private int step;

        public bool Connected { get; private set; }

        public double SignInMs { get; private set; }

        public static async Task<Session> OpenAsync(UsersRun run, int index, Account account, CancellationToken cancellationToken) =>
            run.UsesBrowser ? await OpenBrowserAsync(run, index, account, cancellationToken) : await OpenCircuitAsync(run, index, account, cancellationToken);

        private static async Task<Session> OpenCircuitAsync(UsersRun run, int index, Account account, CancellationToken cancellationToken)
        {
            var client = new CircuitClient(run.BaseUrl) { OnBackgroundError = run.BrowserError };
            var session = new Session(run, index, null, client);
            try
            {
                var clock = Stopwatch.StartNew();
                await client.SignInAsync(account.Email, run.Password, cancellationToken);
                session.SignInMs = clock.Elapsed.TotalMilliseconds;
                session.Connected = true;
                await session.VisitAsync("overview", run.Overview(), fullLoad: true, rampUp: true);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                run.BrowserError($"sign-in failed for {account.Email}: {e.Message}");
            }

            return session;
        }

        private static async Task<Session> OpenBrowserAsync(UsersRun run, int index, Account account, CancellationToken cancellationToken)
        {
            var context = await run.NewContextAsync();
            var page = await context.NewPageAsync();
            var session = new Session(run, index, page, null);
            page.Response += (_, r) =>
            {
                if (r.Status >= 400)
                {
                    run.BrowserError($"HTTP {r.Status} {new Uri(r.Url).PathAndQuery}");
                }
            };
            page.RequestFailed += (_, r) =>
            {
                // A navigation away from a page still loading aborts its requests: that is the user's doing, not a failure.
                if (r.Failure is { } failure && !failure.Contains("ERR_ABORTED", StringComparison.Ordinal))
                {
                    run.BrowserError($"request failed: {failure} {new Uri(r.Url).AbsolutePath}");
                }
            };
            page.Console += (_, m) =>
            {
                if (m.Type == "error")
                {
                    run.BrowserError($"console: {m.Text}");
                }
            };
            page.PageError += (_, e) => run.BrowserError($"page error: {e}");
            try
            {
                var clock = Stopwatch.StartNew();
                await run.SignInAsync(page, account.Email, cancellationToken);
                session.SignInMs = clock.Elapsed.TotalMilliseconds;
                session.Connected = true; // signed in, its page open: a user, whether the first page came quickly or not
                await session.VisitAsync("overview", run.Overview(), fullLoad: true, rampUp: true);
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                run.BrowserError($"sign-in failed for {account.Email}: {e.Message.Split('\n')[0]}");
            }

            return session;
        }

        public async ValueTask DisposeAsync()
        {
            if (circuit is not null)
            {
                await circuit.DisposeAsync();
            }
        }

        public async Task RunAsync(CancellationToken window)
        {
            try
            {
                // Users do not all click at the same moment: each starts somewhere in its first think time.
                await Task.Delay(TimeSpan.FromSeconds(random.NextDouble() * run.ThinkSeconds), window);
                while (!window.IsCancellationRequested)
                {
                    step++;
                    var (kind, url) = (step % 3) switch
                    {
                        1 => ("agency", run.Agency(index * 3 + step)),
                        2 => ("comparison", run.Comparison(index + step)),
                        _ => ("overview", run.Overview()),
                    };
                    await VisitAsync(kind, url, fullLoad: step % run.ReloadEvery == 0, rampUp: false);
                    await Task.Delay(TimeSpan.FromSeconds(run.ThinkSeconds * (0.5 + random.NextDouble())), window);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        /// <summary>Opens a page (full load, or in-app navigation in the circuit) and records its times; true when it came.</summary>
        private async Task<bool> VisitAsync(string kind, string url, bool fullLoad, bool rampUp)
        {
            if (circuit is not null)
            {
                try
                {
                    var probe = fullLoad
                        ? await circuit.LoadAsync(url, kind, PageTimeout, CancellationToken.None)
                        : await circuit.NavigateAsync(url, kind, PageTimeout, CancellationToken.None);
                    run.Record(new Sample(kind, fullLoad, probe, probe.Error, rampUp));
                    return probe.Error is null;
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException or TaskCanceledException or WebSocketException)
                {
                    run.Record(new Sample(kind, fullLoad, null, $"circuit: {e.GetType().Name}: {e.Message}", rampUp));
                    return false;
                }
            }

            try
            {
                if (fullLoad)
                {
                    await page!.GotoAsync(run.BaseUrl + url, new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
                }
                else
                {
                    await page!.EvaluateAsync("([url, kind]) => window.__pkNavigate(url, kind)", new object[] { url, kind });
                }

                var (probe, error) = await UsersRun.WaitAsync(page!);
                run.Record(new Sample(kind, fullLoad, probe, error, rampUp));
                return error is null;
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                run.Record(new Sample(kind, fullLoad, null, "browser: " + e.Message.Split('\n')[0], rampUp));
                return false;
            }
        }
    }

    /// <summary>CPU seconds of the run's parts: the dashboard, chromium, the bench and its Playwright driver, PostgreSQL, the machine.</summary>
    private sealed class CpuAccount(int dashboardPid, int? postmasterPid)
    {
        public sealed record Reading(double Dashboard, double Chromium, double Driver, double Bench, double Postgres, double MachineBusy);

        public Reading Take()
        {
            var snapshot = ProcessProbe.Snapshot();
            static double Sum(IEnumerable<ProcessProbe.Entry> entries) => entries.Sum(e => e.OwnSeconds + e.ReapedChildrenSeconds);
            var dashboard = ProcessProbe.Tree(snapshot, dashboardPid).ToList();
            var mine = ProcessProbe.Tree(snapshot, Environment.ProcessId).Where(e => e.Pid != Environment.ProcessId && dashboard.All(d => d.Pid != e.Pid)).ToList();
            var chromium = mine.Where(e => e.Name.StartsWith("chrom", StringComparison.Ordinal));
            var driver = mine.Where(e => e.Name == "node");
            var bench = snapshot.TryGetValue(Environment.ProcessId, out var self) ? self.OwnSeconds : 0;
            var postgres = postmasterPid is { } pm ? Sum(ProcessProbe.Tree(snapshot, pm)) : 0;
            return new Reading(Sum(dashboard), Sum(chromium), Sum(driver), bench, postgres, ProcessProbe.Machine().Busy);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        var ordered = sorted.Order().ToList();
        return ordered[Math.Clamp((int)Math.Ceiling(p * ordered.Count) - 1, 0, ordered.Count - 1)];
    }

    private static void Kill(int pid, int signal)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("/bin/kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]));
            kill?.WaitForExit(5000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }
}
