using System.Diagnostics;
using Npgsql;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Accounts;

namespace PkAnalytics.Dashboard.Tests.EndToEnd;

/// <summary>Its own dashboard process and database: the tests take the database away and stop processes.</summary>
public sealed class OutageDashboard : DashboardServer
{
    protected override Task SeedAsync(NpgsqlDataSource dataSource) => DashboardSampleData.InsertAsync(dataSource);
}

/// <summary>
/// The running dashboard (the pk-dashboard binary) when PostgreSQL goes away in the middle of a session and comes
/// back, and when the process is told to stop.
/// </summary>
public sealed class OutageTests(OutageDashboard server) : IClassFixture<OutageDashboard>
{
    private const string Unreachable = "Basis data tidak dapat dihubungi";

    [Fact]
    public async Task DatabaseStoppedDuringASession_PagesSaySo_AndTheSameSessionRecoversWithoutARestart()
    {
        var page = await server.OpenAsync("/", role: PkRoles.Bappeda);
        Assert.Equal("3 sudah bercapaian", (await page.Locator("[data-tile=indikator] .pk-tile-sub").InnerTextAsync()).Trim());

        await server.Database.SetReachableAsync(false);
        try
        {
            foreach (var path in new[] { "/perbandingan", "/opd", "/temuan" })
            {
                var response = await page.GotoAsync(server.BaseUrl + path);
                Assert.NotNull(response);
                // A page that loads its data in the circuit (Temuan) shows its loading state first, then the outage.
                var text = "";
                for (var waited = 0; waited < 30 && !(text = await page.Locator("body").InnerTextAsync()).Contains(Unreachable, StringComparison.Ordinal); waited++)
                {
                    await Task.Delay(500);
                }

                Assert.True(text.Contains(Unreachable, StringComparison.Ordinal), $"{path} ({response.Status}) does not say the database is gone within 15 s:\n{text[..Math.Min(600, text.Length)]}");
                Assert.DoesNotContain("Terjadi kesalahan", text); // said as what it is, not as a crash
            }
        }
        finally
        {
            await server.Database.SetReachableAsync(true);
        }

        // Same browser, same sign-in, same dashboard process: the pages work again.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string shown = "";
        while (DateTime.UtcNow < deadline)
        {
            await page.GotoAsync(server.BaseUrl + "/");
            var tile = page.Locator("[data-tile=indikator] .pk-tile-sub");
            if (await tile.CountAsync() == 1 && (shown = (await tile.InnerTextAsync()).Trim()) == "3 sudah bercapaian")
            {
                break;
            }

            await Task.Delay(1000);
        }

        Assert.Equal("3 sudah bercapaian", shown);
        Assert.Contains("/", new Uri(page.Url).AbsolutePath); // not sent to the sign-in page
        Assert.DoesNotContain("/Account/Login", page.Url);
    }

    [Fact]
    public async Task Sigterm_StopsTheDashboardCleanly_WithinSeconds()
    {
        var (process, url) = await server.StartProcessAsync();
        using var client = new HttpClient();
        Assert.True((await client.GetAsync(url + "/health")).IsSuccessStatusCode);

        Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "pk-dashboard did not stop within 30 s of SIGTERM:\n" + server.Log);
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}:\n{server.Log}");
    }
}
