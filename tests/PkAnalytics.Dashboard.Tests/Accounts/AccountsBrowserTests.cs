using Dapper;
using Microsoft.Playwright;
using Npgsql;
using PkAnalytics.Dashboard.Tests.EndToEnd;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Accounts;

namespace PkAnalytics.Dashboard.Tests.Accounts;

/// <summary>The dashboard on one seeded agency (and its neighbour), for accounts in a real browser.</summary>
public sealed class AccountsBrowser : DashboardServer
{
    public SeededAgency Seed { get; private set; } = null!;

    protected override async Task SeedAsync(NpgsqlDataSource dataSource)
    {
        Seed = await RealisationSeed.InsertAsync(dataSource, "akun");
        OperatorAgencyId = Seed.AgencyId;
    }
}

public sealed class AccountsBrowserTests(AccountsBrowser server) : IClassFixture<AccountsBrowser>
{
    [Fact]
    public async Task Session_StaysSignedIn_OnASecondProcessAndAfterARestart()
    {
        var context = await server.NewContextAsync(1366, 900, PkRoles.Pimpinan);
        var page = await context.NewPageAsync();

        // Signed in through the first process; the second process reads the same cookie (keys in PostgreSQL).
        var (second, secondUrl) = await server.StartProcessAsync();
        await page.GotoAsync(secondUrl + "/");
        Assert.DoesNotContain("/Account/Login", page.Url);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Ringkasan");

        second.Kill(entireProcessTree: true);
        await second.WaitForExitAsync();
        var (_, restartedUrl) = await server.StartProcessAsync();
        await page.GotoAsync(restartedUrl + "/");
        Assert.DoesNotContain("/Account/Login", page.Url);
        await Assertions.Expect(page.Locator(".pk-user-name")).ToContainTextAsync("Uji Pimpinan");
    }

    [Fact]
    public async Task Login_InTheBrowser_IsAuditedWithTheClientAddress_AndLogoutEndsTheSession()
    {
        var context = await server.NewContextAsync(390, 844, role: null);
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.BaseUrl + "/perbandingan");
        Assert.Contains("/Account/Login", page.Url);
        await page.GetByLabel("E-mail").FillAsync(DashboardServer.EmailOf(PkRoles.Bappeda));
        await page.GetByLabel("Kata sandi").FillAsync("bukan kata sandinya");
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("E-mail atau kata sandi salah");
        await server.ScreenshotAsync(page, "akun-masuk-ponsel");

        await server.SignInAsync(page, DashboardServer.EmailOf(PkRoles.Bappeda), server.Password);
        await page.GotoAsync(server.BaseUrl + "/perbandingan");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Perbandingan");

        await using (var c = await server.Database.DataSource.OpenConnectionAsync())
        {
            var rows = (await c.QueryAsync<(string Kind, string Address)>(
                "select kind, address from audit_log where actor = @actor and kind like 'login%' order by audit_entry_id",
                new { actor = DashboardServer.EmailOf(PkRoles.Bappeda) })).ToList();
            Assert.Contains(("login_failed", "127.0.0.1"), rows);
            Assert.Contains(("login", "127.0.0.1"), rows);
        }

        await page.GotoAsync(server.BaseUrl + "/Account/Manage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Keluar" }).Last.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));
        await page.GotoAsync(server.BaseUrl + "/perbandingan");
        Assert.Contains("/Account/Login", page.Url);
    }

    [Fact]
    public async Task Operator_ForgedCircuitEvent_ForAnotherAgency_IsRefusedAndWritesNothing()
    {
        var page = await server.OpenInteractiveAsync($"/realisasi/sakip?opd={server.Seed.AgencyId}");
        // The operator's page lists only its own agency. Forge what a tampered client would send: a change event
        // of the agency select carrying the other agency's id, then a save.
        await page.EvaluateAsync("""
            id => {
                const select = document.querySelector('select');
                const option = document.createElement('option');
                option.value = String(id); option.text = 'palsu';
                select.appendChild(option);
                select.value = String(id);
                select.dispatchEvent(new Event('change', { bubbles: true }));
            }
            """, server.Seed.OtherAgencyId);
        await page.Locator("input[type=number]").FillAsync("2024");
        await page.Locator("input[type=number]").BlurAsync();
        await page.GetByLabel("Perencanaan Kinerja").FillAsync("25");
        await page.GetByLabel("Pengukuran Kinerja").FillAsync("25");
        await page.GetByLabel("Pelaporan Kinerja").FillAsync("10");
        await page.GetByLabel("Evaluasi Akuntabilitas Kinerja Internal").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan nilai SAKIP" }).ClickAsync();

        await Assertions.Expect(page.Locator(".pk-import-refused")).ToContainTextAsync("di luar cakupan Anda");
        await using var c = await server.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("select count(*) from fact_sakip_evaluation where agency_id = @id", new { id = server.Seed.OtherAgencyId }));
    }

    [Fact]
    public async Task Pimpinan_SeesTheEntryPageReadOnly()
    {
        var page = await server.OpenInteractiveAsync($"/realisasi/indikator?opd={server.Seed.AgencyId}&tahun=2024", PkRoles.Pimpinan);
        await Assertions.Expect(page.Locator(".pk-readonly")).ToContainTextAsync("hanya dapat membaca");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Simpan realisasi" })).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Dokumen" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Admin_CreatesAnOperator_SeesThePasswordOnce_ThenDisablesIt_AndTheAuditShowsBoth()
    {
        var page = await server.OpenAsync("/admin/pengguna", 1366, 900, PkRoles.Admin);
        var email = $"operator-baru-{Guid.NewGuid():N}@uji.local";
        await page.Locator("[data-field=email]").FillAsync(email);
        await page.Locator("[data-field=name]").FillAsync("Operator Baru");
        await page.Locator("[data-field=role]").SelectOptionAsync(PkRoles.Operator);
        await page.Locator("[data-field=agency]").SelectOptionAsync(server.Seed.AgencyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("[data-action=create]").ClickAsync();
        var once = page.Locator("[data-once-password] code");
        await Assertions.Expect(once).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$"));
        var password = await once.TextContentAsync();

        // The new account signs in with it, as an operator of that agency.
        var other = await (await server.NewContextAsync(1366, 900, role: null)).NewPageAsync();
        await server.SignInAsync(other, email, password!);
        await other.GotoAsync(server.BaseUrl + "/opd");
        await Assertions.Expect(other.Locator("main")).ToContainTextAsync("Dinas Uji akun");
        await Assertions.Expect(other.Locator("main")).Not.ToContainTextAsync("Badan Lain akun");

        var row = page.Locator($"tr[data-account='{email}']");
        await row.Locator("[data-action=toggle]").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("nonaktif");
        await Assertions.Expect(page.Locator("[data-once-password]")).ToHaveCountAsync(0);

        var audit = await server.OpenAsync("/admin/audit?jenis=account", 1366, 900, PkRoles.Admin);
        await Assertions.Expect(audit.Locator("[data-table=audit]")).ToContainTextAsync($"Akun {email}");
        await Assertions.Expect(audit.Locator("[data-table=audit]")).ToContainTextAsync("nonaktif");
        await server.ScreenshotAsync(audit, "admin-audit");
    }
}
