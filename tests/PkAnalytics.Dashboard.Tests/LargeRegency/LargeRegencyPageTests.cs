using System.Diagnostics;
using System.Text.RegularExpressions;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.ReadModels;
using Xunit.Abstractions;

namespace PkAnalytics.Dashboard.Tests.LargeRegency;

/// <summary>A database holding <see cref="LargeRegencySeed"/> with its read model built, seeded once for the class.</summary>
public sealed class LargeRegencyDatabase : TestDatabase, IAsyncLifetime
{
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await LargeRegencySeed.InsertAsync(DataSource);
        await new DashboardReadModelRefresher(DataSource).RefreshAsync(force: true);
    }
}

/// <summary>
/// Issue 14: a regency of 1.600 agencies (the 10.000-document corpus has 1.601) gave an overview of 54.737 DOM
/// elements that 50 users' browsers could not open; the regency pages draw at most 40 bars per chart and show
/// tables a page at a time, while the downloads keep every agency.
/// </summary>
public sealed partial class LargeRegencyPageTests(LargeRegencyDatabase database, ITestOutputHelper output) : IClassFixture<LargeRegencyDatabase>
{
    private const int MaxPageBytes = 1_000_000;

    private async Task<string> GetAsync(HttpClient client, string path)
    {
        var watch = Stopwatch.StartNew();
        var html = await client.GetStringAsync(path);
        output.WriteLine($"{path}: {html.Length:N0} chars in {watch.ElapsedMilliseconds} ms");
        Assert.True(html.Length < MaxPageBytes, $"{path} is {html.Length:N0} characters, over {MaxPageBytes:N0}");
        return html;
    }

    [Theory]
    [InlineData("/?tahun=2024", "opd", 2)]
    [InlineData("/perbandingan?tahun=2024", "peringkat", 3)]
    public async Task RegencyPage_OfSixteenHundredAgencies_IsBounded_ChartsCapped_TablesPaged(string path, string firstTable, int cappedCharts)
    {
        await using var factory = new DashboardFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(PkRoles.Pimpinan);

        var html = await GetAsync(client, path);

        // Every chart by agency draws 40 bars and says there are 1.600.
        Assert.True(CappedChart().Matches(html).Count >= cappedCharts, $"{path}: fewer than {cappedCharts} charts say they show 40 of 1.600");
        Assert.Contains("40 pertama dari 1.600 ditampilkan", html);
        // The first agency table shows its first 100 rows with a pager over all 1.600.
        Assert.Contains($"data-pager=\"{firstTable}\"", html);
        Assert.Contains("Halaman 1 dari 16", html);
        Assert.Contains("(baris 1 - 100 dari 1.600)", html);
        var table = html[html.IndexOf($"<table class=\"pk-table pk-table-pinned", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Equal(100, BodyRow().Matches(table[table.IndexOf("<tbody>", StringComparison.Ordinal)..]).Count);
    }

    [Fact]
    public async Task Comparison_TableWithAColumnPerAgency_ShowsTheFirstColumns_AndSaysTheDownloadHasAll()
    {
        await using var factory = new DashboardFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(PkRoles.Bappeda);

        var html = await GetAsync(client, "/perbandingan?tahun=2024");

        var budget = html[html.IndexOf("<table class=\"pk-table pk-table-pinned\" data-table=\"anggaran\"", StringComparison.Ordinal)..];
        var head = budget[..budget.IndexOf("</thead>", StringComparison.Ordinal)];
        Assert.Equal(25, HeaderCell().Matches(head).Count);
        // The download has every column: the program, one per agency, and the totals.
        var csv = await client.GetStringAsync("/ekspor/perbandingan/anggaran.csv?tahun=2024");
        var columns = csv.Split('\n')[0].Split(';').Length;
        Assert.True(columns > LargeRegencySeed.Agencies, $"{columns} columns in the download");
        Assert.Contains($"25 dari {columns.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("id-ID"))} kolom ditampilkan; unduhan CSV / XLSX memuat semuanya", html);
    }

    [Fact]
    public async Task OverviewDownload_HoldsEveryAgency()
    {
        await using var factory = new DashboardFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(PkRoles.Pimpinan);

        var csv = await client.GetStringAsync("/ekspor/ringkasan/opd.csv?tahun=2024");

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(LargeRegencySeed.Agencies + 1, lines.Length); // header + one line per agency
        Assert.Contains(lines, l => l.StartsWith("OPD 1600;", StringComparison.Ordinal));
    }

    [GeneratedRegex("data-chart-capped=\"1600\"")]
    private static partial Regex CappedChart();

    [GeneratedRegex("<th[ >]")]
    private static partial Regex HeaderCell();

    [GeneratedRegex("<tr[ >]")]
    private static partial Regex BodyRow();
}
