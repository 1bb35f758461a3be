using System.Diagnostics;
using System.Text.RegularExpressions;
using Dapper;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Accounts;
using Xunit.Abstractions;

namespace PkAnalytics.Dashboard.Tests.LargeAgency;

/// <summary>A database holding <see cref="LargeAgencySeed"/>, seeded once for the class.</summary>
public sealed class LargeAgencyDatabase : TestDatabase, IAsyncLifetime
{
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await LargeAgencySeed.InsertAsync(DataSource);
    }
}

/// <summary>
/// Issue 14: however many agreements, indicators, budget lines and findings one agency has, its pages stay
/// bounded in size (a 50 MB document once made one agency page 54 MB), and the figures still count every row.
/// </summary>
public sealed partial class LargeAgencyPageTests(LargeAgencyDatabase database, ITestOutputHelper output) : IClassFixture<LargeAgencyDatabase>
{
    private const int MaxPageBytes = 1_000_000;
    private const int Id = LargeAgencySeed.AgencyId;

    private async Task<string> GetAsync(HttpClient client, string path)
    {
        var watch = Stopwatch.StartNew();
        var html = await client.GetStringAsync(path);
        output.WriteLine($"{path}: {html.Length:N0} chars in {watch.ElapsedMilliseconds} ms");
        Assert.True(html.Length < MaxPageBytes, $"{path} is {html.Length:N0} characters, over {MaxPageBytes:N0}");
        return html;
    }

    private static List<int> AgreementCards(string html) =>
        AgreementCard().Matches(html).Select(m => int.Parse(m.Groups[1].Value)).ToList();

    [Fact]
    public async Task AgencyPage_IsPaged_WithFiguresOverEveryRow()
    {
        await using var factory = new DashboardFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(PkRoles.Admin);

        var first = await GetAsync(client, $"/opd/{Id}");
        const int pages = (LargeAgencySeed.Agreements + 19) / 20;
        Assert.Contains($"Halaman 1 dari {pages}", first);
        var page1 = AgreementCards(first);
        Assert.Equal(20, page1.Count);
        Assert.Contains(10000 + LargeAgencySeed.HeadAgreementId, page1); // the head's current version first

        // The figures count every agreement, indicator and finding, not those of the page.
        Assert.Contains($"{LargeAgencySeed.CurrentAgreements} perjanjian berlaku", first);
        Assert.Contains($"({LargeAgencySeed.Agreements} versi termasuk perubahan)", first);
        Assert.Contains("2.100 temuan data", first);
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            var (indicators, realised) = await connection.QuerySingleAsync<(int, int)>("""
                select count(distinct t.indicator_id)::int,
                       count(distinct t.indicator_id) filter (where exists (
                           select 1 from fact_indicator_realisation r where r.indicator_id = t.indicator_id and r.year = 2024))::int
                from agreement_current a join fact_indicator_target t on t.agreement_id = a.agreement_id
                where a.agency_id = @Id and a.year = 2024
                """, new { Id });
            Assert.Equal(5481, indicators);
            Assert.Matches($@"data-tile=""indikator""[\s\S]*?{realised:N0} / {indicators:N0}".Replace(",", "."), first);
        }

        // Findings: the first ones, and a way to all of them.
        Assert.Contains("50 dari 2.100 temuan ditampilkan", first);
        Assert.Contains($"href=\"/temuan?opd={Id}\">Tampilkan semua temuan", first);

        // The cascade shows the page's agreements with the head above them, each linked to its card.
        var cascade = first[first.IndexOf("data-section=\"cascade\"", StringComparison.Ordinal)..first.IndexOf("pk-card pk-agreement", StringComparison.Ordinal)];
        Assert.Equal(page1.ToHashSet(), CascadeNodes().Matches(cascade).Select(m => int.Parse(m.Groups[1].Value)).ToHashSet());
        Assert.Contains("20 dari 620", cascade);

        // Page 2 (by the query string) shows the next agreements; its cascade has the head above them, linked to page 1.
        var second = await GetAsync(client, $"/opd/{Id}?tahun=2024&halaman=2");
        var linkedToPage1 = Regex.Matches(second, $@"href=""/opd/{Id}\?tahun=2024#pk-(\d+)""")
            .Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();
        Assert.Contains(10000 + LargeAgencySeed.HeadAgreementId, linkedToPage1);
        Assert.Contains($"Halaman 2 dari {pages}", second);
        var page2 = AgreementCards(second);
        Assert.Equal(20, page2.Count);
        Assert.Empty(page1.Intersect(page2));
        Assert.Equal(page2.ToHashSet(), Regex.Matches(second, @"href=""#pk-(\d+)""").Select(m => int.Parse(m.Groups[1].Value)).ToHashSet());
        Assert.Contains("perjanjian 21 - 40 dari 620", second);

        // Every agreement is on exactly one page.
        var seen = page1.Concat(page2).ToList();
        for (var p = 3; p <= pages; p++)
        {
            seen.AddRange(AgreementCards(await client.GetStringAsync($"/opd/{Id}?tahun=2024&halaman={p}")));
        }

        Assert.Equal(LargeAgencySeed.Agreements, seen.Count);
        Assert.Equal(LargeAgencySeed.Agreements, seen.Distinct().Count());

        // A page past the end shows the last one; a finding's agreement link opens the page that shows it.
        Assert.Contains($"Halaman {pages} dari {pages}", await GetAsync(client, $"/opd/{Id}?tahun=2024&halaman=999"));
        var onPage2 = page2[5];
        Assert.Contains($"id=\"pk-{onPage2}\"", await GetAsync(client, $"/opd/{Id}?perjanjian={onPage2}"));
    }

    [Fact]
    public async Task EntryPages_ArePaged_ByTheQueryString()
    {
        await using var factory = new DashboardFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(PkRoles.Admin);

        // 5.481 current indicators, 50 per page.
        var first = await GetAsync(client, $"/realisasi/indikator?opd={Id}&tahun=2024");
        Assert.Contains("Halaman 1 dari 110", first);
        Assert.Contains("indikator 1 - 50 dari 5.481", first);
        var page1 = IndicatorInputs().Matches(first).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(50, page1.Count);
        Assert.Contains("menyimpan isian di semua halaman sekaligus", first);
        var second = await GetAsync(client, $"/realisasi/indikator?opd={Id}&tahun=2024&halaman=2");
        Assert.Contains("Halaman 2 dari 110", second);
        var page2 = IndicatorInputs().Matches(second).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(50, page2.Count);
        Assert.Empty(page1.Intersect(page2));
        Assert.Contains($"href=\"http://localhost/realisasi/indikator?opd={Id}&amp;tahun=2024&amp;halaman=3\"", second);

        // 5.481 budget lines (one per program node), 100 per page.
        var budget = await GetAsync(client, $"/realisasi/anggaran?opd={Id}&tahun=2024");
        Assert.Contains("Halaman 1 dari 55", budget);
        Assert.Equal(100, BudgetRows().Matches(budget).Count);
        var lastBudget = await GetAsync(client, $"/realisasi/anggaran?opd={Id}&tahun=2024&halaman=55");
        Assert.Contains("Halaman 55 dari 55", lastBudget);
        Assert.Equal(5481 - 54 * 100, BudgetRows().Matches(lastBudget).Count);
    }

    [Fact]
    public async Task FindingsPage_IsPagedInSql()
    {
        await using var factory = new DashboardFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(PkRoles.Bappeda);

        var first = await GetAsync(client, $"/temuan?opd={Id}");
        Assert.Contains("2.100 temuan, 100 per halaman", first);
        Assert.Contains("Halaman 1 dari 21", first);
        Assert.Contains("Temuan uji nomor 1:", first);
        Assert.DoesNotContain("Temuan uji nomor 101:", first);
        var last = await GetAsync(client, $"/temuan?opd={Id}&halaman=21");
        Assert.Contains("Halaman 21 dari 21", last);
        Assert.Contains("temuan 2.001 - 2.100 dari 2.100", last);
        Assert.Contains("Temuan uji nomor 2100:", last);
        Assert.DoesNotContain("Temuan uji nomor 2000:", last);
        Assert.Contains("Halaman 21 dari 21", await GetAsync(client, $"/temuan?opd={Id}&halaman={int.MaxValue}"));

        // A page or agreement that is not a number is dropped (the page opens on its default), never a 500.
        foreach (var path in new[] { $"/temuan?opd={Id}&halaman=abc", $"/opd/{Id}?halaman=-1", $"/opd/{Id}?perjanjian=x" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
            Assert.DoesNotContain("halaman=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("perjanjian=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"<li role=""treeitem"" data-agreement=""(\d+)""")]
    private static partial Regex CascadeNodes();

    [GeneratedRegex(@"aria-label=""Realisasi (Indikator [\d.]+)""")]
    private static partial Regex IndicatorInputs();

    [GeneratedRegex(@"<td style=""padding-left:")]
    private static partial Regex BudgetRows();

    [GeneratedRegex(@"<section class=""pk-card pk-agreement"" id=""pk-\d+"" data-agreement=""(\d+)""")]
    private static partial Regex AgreementCard();
}
