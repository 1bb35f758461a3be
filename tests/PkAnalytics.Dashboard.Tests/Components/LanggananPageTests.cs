using Bunit;
using Dapper;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using PkAnalytics.Dashboard.Components.Pages.Langganan;
using PkAnalytics.Dashboard.Infrastructure;
using PkAnalytics.Reports;
using PkAnalytics.Reports.Scheduling;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse;

namespace PkAnalytics.Dashboard.Tests.Components;

/// <summary>The sample star and Hangfire's schema in a test database, for the subscriptions page.</summary>
public sealed class LanggananDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await DashboardSampleData.InsertAsync(Database.DataSource);
        await HangfireSetup.InstallSchemaAsync(Database.ConnectionString);
    }

    public Task DisposeAsync() => Database.DisposeAsync();
}

/// <summary>
/// The Langganan page rendered directly, as a signed-in Bappeda account (who may see it is the router's business and
/// tested in the browser): a
/// subscription made on the page is stored with its recipients and becomes a Hangfire recurring job with its cron
/// and time zone; a bad schedule is refused in Bahasa Indonesia; "Kirim sekarang" queues a job.
/// </summary>
public sealed class LanggananPageTests : ComponentTest, IClassFixture<LanggananDatabase>
{
    /// <summary>The page reads the database and Hangfire's storage: on a busy 2-core machine that takes more than bUnit's second.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly LanggananDatabase fixture;

    public LanggananPageTests(LanggananDatabase fixture)
    {
        this.fixture = fixture;
        var connectionString = fixture.Database.ConnectionString;
        Services.AddLogging();
        Services.Configure<DashboardOptions>(_ => { });
        Services.AddSingleton<WitaClock>();
        Services.AddScoped<ViewerScopeAccessor>();
        var signedIn = AddAuthorization();
        signedIn.SetAuthorized("bappeda@uji.local");
        signedIn.SetRoles(PkAnalytics.Warehouse.Accounts.PkRoles.Bappeda);
        Services.AddWarehouse(connectionString);
        Services.AddReports(new ReportOptions());
        Services.AddReportScheduling(connectionString, runServer: false);
    }

    // Find and fire in one turn of the renderer: an element found before an async re-render (the agency list
    // loading after a choice) would carry an event handler that render has already replaced.
    private static Task ChangeAsync<T>(IRenderedComponent<T> page, string selector, string value) where T : IComponent =>
        page.InvokeAsync(() => page.Find(selector).ChangeAsync(new ChangeEventArgs { Value = value }));

    private static Task ClickAsync<T>(IRenderedComponent<T> page, string selector) where T : IComponent =>
        page.InvokeAsync(() => page.Find(selector).ClickAsync(new MouseEventArgs()));

    [Fact]
    public async Task NewSubscription_IsStoredWithRecipients_AndScheduledWithItsCronAndTimeZone()
    {
        var page = Render<Langganan>();
        await page.WaitForElementAsync("[data-section=langganan]", Patience);
        await ClickAsync(page, "[data-action=baru]");
        await page.WaitForElementAsync("input[name=nama]", Patience);
        await ChangeAsync(page, "input[name=nama]", "Laporan OPD Dinas Beta");
        await ChangeAsync(page, "select[name=jenis]", "opd");
        await page.WaitForElementAsync("select[name=opd]", Patience);
        await ChangeAsync(page, "select[name=opd]", DashboardSampleData.BetaId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ChangeAsync(page, "input[name=email]", "kadis.beta@luwutimur.test");
        await ChangeAsync(page, "select[name=peran]", "Operator");
        await page.WaitForElementAsync("select[name=opd-penerima]", Patience);
        await ChangeAsync(page, "select[name=opd-penerima]", DashboardSampleData.BetaId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0 7 1 * *", page.Find("input[name=cron]").GetAttribute("value"));
        Assert.Equal("Asia/Makassar", page.Find("input[name=zona]").GetAttribute("value"));

        await ClickAsync(page, "[data-action=simpan]");

        await page.WaitForAssertionAsync(() => Assert.Contains("disimpan", page.Find("[data-message]").TextContent), Patience);
        Assert.Contains("Laporan OPD Dinas Beta", page.Find("table[data-table=langganan]").TextContent);
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        var stored = await connection.QuerySingleAsync<(int Id, string Kind, int AgencyId, string Email, string Role, int RecipientAgency)>(new CommandDefinition("""
            select s.subscription_id, s.kind, s.agency_id, r.email, r.role, r.agency_id
            from report_subscription s join report_recipient r on r.subscription_id = s.subscription_id
            where s.name = 'Laporan OPD Dinas Beta'
            """));
        Assert.Equal(("opd", DashboardSampleData.BetaId, "kadis.beta@luwutimur.test", "Operator", DashboardSampleData.BetaId),
            (stored.Kind, stored.AgencyId, stored.Email, stored.Role, stored.RecipientAgency));

        using var storage = Services.GetRequiredService<JobStorage>().GetConnection();
        var job = storage.GetRecurringJobs().Single(j => j.Id == ReportScheduler.JobId(stored.Id));
        Assert.Equal(("0 7 1 * *", "Asia/Makassar"), (job.Cron, job.TimeZoneId));
        Assert.Equal("bappeda@uji.local", await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "select created_by from report_subscription where subscription_id = @Id", new { stored.Id })));

        await ChangeAsync(page, "input[name=periode]", "2024-06");
        await ClickAsync(page, "[data-action=kirim-sekarang]");
        Assert.Contains("Pengiriman periode Juni 2024 dijadwalkan", page.Find("[data-message]").TextContent);
    }

    [Fact]
    public async Task BadSchedule_IsRefusedWithTheReason()
    {
        var page = Render<Langganan>();
        await page.WaitForElementAsync("[data-section=langganan]", Patience);
        await ClickAsync(page, "[data-action=baru]");
        await page.WaitForElementAsync("input[name=cron]", Patience);
        await ChangeAsync(page, "input[name=cron]", "0 25 1 * *");
        await ChangeAsync(page, "input[name=email]", "pimpinan@luwutimur.test");

        await ClickAsync(page, "[data-action=simpan]");

        await page.WaitForAssertionAsync(() => Assert.Contains("bukan nilai 0-23", page.Find(".pk-errors").TextContent), Patience);
    }
}
