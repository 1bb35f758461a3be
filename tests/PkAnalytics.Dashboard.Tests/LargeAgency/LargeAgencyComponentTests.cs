using Bunit;
using Dapper;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PkAnalytics.Dashboard.Components.Pages.Dokumen;
using PkAnalytics.Dashboard.Components.Pages.Realisasi;
using PkAnalytics.Dashboard.Infrastructure;
using PkAnalytics.Dashboard.Tests.Components;
using PkAnalytics.Documents;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Accounts;

namespace PkAnalytics.Dashboard.Tests.LargeAgency;

/// <summary>
/// Realisasi Indikator on <see cref="LargeAgencySeed"/>, rendered directly as a signed-in Admin: values typed on one
/// page survive moving to another page and back, and one save writes the changed rows of every page, only those.
/// </summary>
public sealed class IndicatorEntryPagingTests : ComponentTest, IClassFixture<LargeAgencyDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly LargeAgencyDatabase database;

    public IndicatorEntryPagingTests(LargeAgencyDatabase database)
    {
        this.database = database;
        Services.AddLogging();
        Services.AddScoped<ViewerScopeAccessor>();
        var signedIn = AddAuthorization();
        signedIn.SetAuthorized("admin-paging@uji.local");
        signedIn.SetRoles(PkRoles.Admin);
        Services.AddWarehouse(database.ConnectionString);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task TypedValues_SurvivePageChanges_AndOneSaveWritesOnlyTheChangedRowsOfEveryPage()
    {
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo($"realisasi/indikator?opd={LargeAgencySeed.AgencyId}&tahun=2024");
        var page = Render<Indikator>();
        await page.WaitForAssertionAsync(() => Assert.Contains("Halaman 1 dari 110", page.Find("[data-pager=indikator]").TextContent), Patience);

        var first = page.FindAll("input[aria-label^='Realisasi ']")[0];
        var firstLabel = first.GetAttribute("aria-label")!;
        await first.ChangeAsync(new() { Value = "77" });

        nav.NavigateTo(page.Find("[data-pager=indikator] a[data-page-link=berikutnya]").GetAttribute("href")!);
        await page.WaitForAssertionAsync(() => Assert.Contains("Halaman 2 dari 110", page.Find("[data-pager=indikator]").TextContent), Patience);
        Assert.Empty(page.FindAll($"input[aria-label='{firstLabel}']"));
        var second = page.FindAll("input[aria-label^='Realisasi ']")[0];
        var secondLabel = second.GetAttribute("aria-label")!;
        await second.ChangeAsync(new() { Value = "88" });
        Assert.Equal("2", page.Find("[data-unsaved]").GetAttribute("data-unsaved"));

        nav.NavigateTo(page.Find("[data-pager=indikator] a[data-page-link=sebelumnya]").GetAttribute("href")!);
        await page.WaitForAssertionAsync(() => Assert.Contains("Halaman 1 dari 110", page.Find("[data-pager=indikator]").TextContent), Patience);
        Assert.Equal("77", page.Find($"input[aria-label='{firstLabel}']").GetAttribute("value"));

        await page.FindAll("button").First(b => b.TextContent.Contains("Simpan realisasi", StringComparison.Ordinal)).ClickAsync(new());
        await page.WaitForAssertionAsync(() => Assert.Contains("2 baris disimpan atau diperbarui", page.Find(".pk-import-accepted").TextContent), Patience);
        Assert.Empty(page.FindAll("[data-unsaved]"));
        Assert.Contains("Halaman 1 dari 110", page.Find("[data-pager=indikator]").TextContent);

        await using var connection = await database.DataSource.OpenConnectionAsync();
        var written = (await connection.QueryAsync<(string Name, decimal Value)>("""
            select i.name, r.value from fact_indicator_realisation r join dim_indicator i on i.indicator_id = r.indicator_id
            where r.entered_by = 'admin-paging@uji.local' order by i.name
            """)).ToList();
        Assert.Equal(
            new[] { (firstLabel["Realisasi ".Length..], 77m), (secondLabel["Realisasi ".Length..], 88m) }.OrderBy(x => x.Item1, StringComparer.Ordinal),
            written.OrderBy(x => x.Name, StringComparer.Ordinal));
    }

    [Fact]
    public async Task RefusedSave_OpensThePageOfTheRowInError_AndWritesNothing()
    {
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo($"realisasi/indikator?opd={LargeAgencySeed.AgencyId}&tahun=2024&halaman=3");
        var page = Render<Indikator>();
        await page.WaitForAssertionAsync(() => Assert.Contains("Halaman 3 dari 110", page.Find("[data-pager=indikator]").TextContent), Patience);
        var bad = page.FindAll("input[aria-label^='Realisasi ']")[7];
        var badLabel = bad.GetAttribute("aria-label")!;
        await bad.ChangeAsync(new() { Value = "abc" });
        nav.NavigateTo(page.Find("[data-pager=indikator] a[data-page-link=pertama]").GetAttribute("href")!);
        await page.WaitForAssertionAsync(() => Assert.Contains("Halaman 1 dari 110", page.Find("[data-pager=indikator]").TextContent), Patience);
        await page.FindAll("input[aria-label^='Realisasi ']")[0].ChangeAsync(new() { Value = "12" });

        await page.FindAll("button").First(b => b.TextContent.Contains("Simpan realisasi", StringComparison.Ordinal)).ClickAsync(new());

        await page.WaitForAssertionAsync(() => Assert.Contains("Halaman 3 dari 110", page.Find("[data-pager=indikator]").TextContent), Patience);
        Assert.Contains("halaman=3", nav.Uri, StringComparison.Ordinal);
        Assert.Contains("tidak ada data yang disimpan", page.Find(".pk-import-refused").TextContent);
        Assert.Equal("abc", page.Find($"input[aria-label='{badLabel}']").GetAttribute("value"));
        Assert.NotEmpty(page.FindAll(".pk-row-error"));
        await using var connection = await database.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
            "select count(*)::int from fact_indicator_realisation where entered_by = 'admin-paging@uji.local' and value = 12"));
    }
}

/// <summary>The upload preview of a document at the parser's bound (500 agreements): counts of all, a bounded page.</summary>
public sealed class DocumentPreviewBoundTests : ComponentTest
{
    [Fact]
    public void HugeDocument_ShowsCountsAndTheFirstRows_WithHowManyMore()
    {
        var seed = DocumentParser.ParseFile(Repo.SeedFiles[0]);
        var agreements = Enumerable.Range(0, DocumentLimits.MaxAgreements).Select(i => seed.Agreements[i % seed.Agreements.Count]).ToList();
        var huge = seed with { Agreements = agreements };
        var indicators = agreements.Sum(a => a.Indicators.Count);
        var budget = agreements.Sum(a => a.Budget.Count);
        Assert.True(indicators > 1000 && budget > 1000, $"{indicators} indicators, {budget} budget lines");

        var html = Render<DocumentPreview>(p => p.Add(c => c.Preview, huge).Add(c => c.FileName, "besar.txt")).Markup;

        Assert.True(html.Length < 1_000_000, $"the preview is {html.Length:N0} characters");
        Assert.Contains("data-count=\"agreements\">500<", html);
        Assert.Contains($"data-count=\"indicators\">{indicators:N0}<".Replace(",", "."), html);
        Assert.Contains($"data-count=\"budget\">{budget:N0}<".Replace(",", "."), html);
        Assert.Contains("50 perjanjian pertama ditampilkan; 450 lainnya tidak ditampilkan", html);
        Assert.Contains($"100 indikator pertama ditampilkan; {indicators - 100:N0} lainnya".Replace(",", "."), html);
        Assert.Contains($"100 baris anggaran pertama ditampilkan; {budget - 100:N0} lainnya".Replace(",", "."), html);
    }

    [Fact]
    public void SmallDocument_ShowsEverything_WithoutNotes()
    {
        var seed = DocumentParser.ParseFile(Repo.SeedFiles[0]);
        var html = Render<DocumentPreview>(p => p.Add(c => c.Preview, seed).Add(c => c.FileName, "kecil.txt")).Markup;
        Assert.DoesNotContain("pk-more", html);
        var rows = seed.Agreements.Count + seed.Agreements.Sum(a => a.Indicators.Count + a.Budget.Count);
        Assert.Equal(rows + 3, html.Split("<tr>").Length - 1); // and the three header rows
    }
}
