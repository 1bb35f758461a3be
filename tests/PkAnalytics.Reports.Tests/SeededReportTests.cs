using Dapper;
using PkAnalytics.Documents;
using PkAnalytics.Reports.Model;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Loading;
using PkAnalytics.Warehouse.ReadModels;
using PkAnalytics.Warehouse.Realisation;
using static PkAnalytics.Reports.Tests.ReportTestKit;

namespace PkAnalytics.Reports.Tests;

/// <summary>The five seed documents (real parser and loader) plus `pk etl demo-data`: a report many pages long.</summary>
public sealed class SeededReports : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public ReportHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var loader = new DocumentLoader(Database.DataSource);
        foreach (var path in Repo.SeedFiles)
        {
            var content = await File.ReadAllBytesAsync(path);
            await loader.LoadAsync(DocumentParser.Parse(path, content), DocumentInfo.FromContent(path, content));
        }

        await new DemoDataWriter(Database.DataSource).WriteAsync();
        await new DashboardReadModelRefresher(Database.DataSource).RefreshAsync(force: true);
        Host = new ReportHost(Database.ConnectionString, 25);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class SeededReportTests(SeededReports fixture) : IClassFixture<SeededReports>
{
    [Fact]
    public async Task Kabupaten_LongTables_BreakBetweenRowsWithTheHeaderOnEveryPage_AndCarryTheSampleBadge()
    {
        var report = await fixture.Host.Generator.RenderAsync(ReportRequest.Kabupaten(June2024), ViewerScope.AllAgencies);
        var pages = PdfText(report.Pdf, layout: true).Split('\f').Where(p => p.Trim().Length > 0).ToList();

        var first = pages.FindIndex(p => p.Contains("4. Target dan Realisasi Indikator", StringComparison.Ordinal));
        var after = pages.FindIndex(p => p.Contains("5. Perangkat Daerah yang Perlu Perhatian", StringComparison.Ordinal));
        Assert.True(first > 0 && after > first + 1, $"the indicator table should span pages (starts on {first + 1}, next section on {after + 1})");
        for (var i = first + 1; i <= after; i++)
        {
            var top = pages[i].Split('\n').First(l => l.Trim().Length > 0);
            Assert.Matches(@"Perangkat\s+Indikator\s+Target\s+TW I\s+TW II\s+TW III\s+TW IV\s+Realisasi\s+Capaian\s+Pita", top);
        }

        // Every indicator of the database is a row (the page check counted them before printing).
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        var indicators = await connection.ExecuteScalarAsync<int>(new CommandDefinition("select count(*) from rm_indicator_year where year = 2024"));
        Assert.Equal(indicators, report.Data.ExpectedTables["indikator"]);
        Assert.True(indicators > 100);

        var flat = Flat(PdfText(report.Pdf));
        Assert.Contains("Data contoh", flat);
        var budget = await connection.ExecuteScalarAsync<decimal>(new CommandDefinition("select sum(budget) from rm_agency_year where year = 2024"));
        Assert.Contains(IndonesianFormat.Rupiah(budget), flat);
        Assert.Contains($"Halaman {pages.Count} dari {pages.Count}", flat);
    }
}
