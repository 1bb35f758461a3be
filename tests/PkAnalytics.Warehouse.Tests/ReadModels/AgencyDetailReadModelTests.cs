using PkAnalytics.Warehouse.Inbox;
using Dapper;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Warehouse.Tests.ReadModels;

public sealed class AgencyDetailReadModelTests(SampleDatabase database) : IClassFixture<SampleDatabase>
{
    private Task<AgencyDetail?> ReadAsync(ViewerScope scope, int agencyId) =>
        new AgencyDetailReadModel(database.DataSource).ReadAsync(scope, agencyId, null);

    [Fact]
    public async Task Detail_Cascade_HeadThenSekretarisThenKasubag_FromCurrentVersions()
    {
        var detail = await ReadAsync(ViewerScope.AllAgencies, DashboardSampleData.AlfaId);

        Assert.NotNull(detail);
        Assert.Equal(2024, detail.Year);
        Assert.Equal(4, detail.Agreements.Count);
        var root = Assert.Single(AgreementCascade.Build(detail.Agreements));
        Assert.Equal(2, root.Agreement.AgreementId); // the amendment, not the original
        Assert.Equal("BUPATI LUWU TIMUR", root.Agreement.SuperiorPosition);
        Assert.Equal("SEKRETARIS DINAS ALFA", Assert.Single(root.Children).Agreement.Position);
        Assert.Equal("KASUBAG UMUM DINAS ALFA", Assert.Single(root.Children[0].Children).Agreement.Position);
        Assert.Equal(3, root.Count);
    }

    [Fact]
    public async Task Detail_AmendmentHistory_ListsVersionsAndChangedTargetsAndBudget()
    {
        var detail = await ReadAsync(ViewerScope.AllAgencies, DashboardSampleData.AlfaId);

        var history = Assert.Single(AmendmentHistory.Build(detail!.Agreements, detail.Indicators, detail.Budget));
        Assert.Equal([1, 2], history.Versions.Select(v => v.AgreementId));
        var changes = Assert.Single(history.Changes);
        Assert.Contains(new AgreementChange("Jumlah Dokumen Perencanaan", "100 Dokumen", "120 Dokumen"), changes);
        Assert.Contains(new AgreementChange("Program Penunjang Urusan Pemerintahan", "Rp 1.000.000", "Rp 1.200.000"), changes);
        Assert.Equal(4, changes.Count);
    }

    [Fact]
    public async Task Detail_EveryNumberCarriesItsDocumentAndLine()
    {
        var detail = await ReadAsync(ViewerScope.AllAgencies, DashboardSampleData.AlfaId);

        var target = detail!.Indicators.Single(i => i.AgreementId == 2 && i.Seq == 3);
        Assert.Equal(("alfa-2024.txt", 359, 120m), (target.FileName, target.Line, target.TargetValue));
        var subKegiatan = detail.Budget.Single(b => b.AgreementId == 4 && b.Seq == 1);
        Assert.Equal(("alfa-2024.txt", 780, 700_000m, 300_000m), (subKegiatan.FileName, subKegiatan.Line, subKegiatan.Amount, subKegiatan.Realised));
        Assert.Equal([(3, 1, 30m), (3, 2, 30m)], detail.Realisation.Where(r => r.IndicatorId == 3).Select(r => (r.IndicatorId, r.Quarter, r.Value)));
        var finding = Assert.Single(detail.Findings);
        Assert.Equal(("target_mismatch", 326, "KEPALA DINAS ALFA"), (finding.Code, finding.Line, finding.Position));
        Assert.Equal(81m, detail.Evaluation.IkmValue);
        Assert.Equal(25.50m, detail.Evaluation.SakipPerencanaan);
    }

    [Fact]
    public async Task Detail_OutsideTheViewersScope_IsNull()
    {
        Assert.Null(await ReadAsync(ViewerScope.Agency(DashboardSampleData.BetaId), DashboardSampleData.AlfaId));
        Assert.NotNull(await ReadAsync(ViewerScope.Agency(DashboardSampleData.AlfaId), DashboardSampleData.AlfaId));
        Assert.Null(await ReadAsync(ViewerScope.AllAgencies, 999));
    }

    [Fact]
    public void Cascade_CycleInTheData_ShowsEachAgreementOnce()
    {
        AgreementRow Row(int id, int position, int superior) =>
            new() { AgreementId = id, PositionId = position, SuperiorPositionId = superior, IsCurrent = true, Position = $"P{position}" };

        var roots = AgreementCascade.Build([Row(1, 10, 20), Row(2, 20, 10), Row(3, 30, 10)]);

        Assert.Equal(3, roots.Sum(r => r.Count));
    }
}

public sealed class FindingsAndInboxReadModelTests(SampleDatabase database) : IClassFixture<SampleDatabase>
{
    [Fact]
    public async Task Findings_FilterByAgencyKindAndScope()
    {
        var model = new FindingsReadModel(database.DataSource);

        var all = await model.ListAsync(ViewerScope.AllAgencies, new FindingFilter());
        var beta = await model.ListAsync(ViewerScope.AllAgencies, new FindingFilter(AgencyId: DashboardSampleData.BetaId));
        var mismatch = await model.ListAsync(ViewerScope.AllAgencies, new FindingFilter(Code: "target_mismatch"));
        var scoped = await model.ListAsync(ViewerScope.Agency(DashboardSampleData.AlfaId), new FindingFilter(AgencyId: DashboardSampleData.BetaId));

        Assert.Equal(3, all.Total);
        Assert.Equal("info", all.Rows[^1].Severity); // warnings before infos
        Assert.Equal(["ambiguous_number", "budget_sum_mismatch", "target_mismatch"], all.Kinds.Select(k => k.Code));
        Assert.Equal(2, beta.Rows.Count);
        Assert.All(beta.Rows, r => Assert.Equal("beta-2024.txt", r.FileName));
        var only = Assert.Single(mismatch.Rows);
        Assert.Equal(("Dinas Alfa", "alfa-2024.txt", 326), (only.Agency, only.FileName, only.Line));
        Assert.Empty(scoped.Rows);
        Assert.Equal(["Dinas Alfa"], scoped.Agencies.Select(a => a.Name));
    }

    [Fact]
    public async Task Enqueue_StoresTheFileAsPendingAndNotifiesTheWorker()
    {
        await using var listener = await database.DataSource.OpenConnectionAsync();
        string? payload = null;
        listener.Notification += (_, e) => payload = e.Payload;
        await listener.ExecuteAsync($"listen {DocumentInbox.NotifyChannel}");
        var inbox = new DocumentInbox(database.DataSource);

        var id = await new InboxQueue(database.DataSource).EnqueueAsync(ViewerScope.System with { Actor = "analis" }, "/tmp/x/unggah.txt", "PERJANJIAN KINERJA"u8.ToArray());
        await listener.WaitAsync(TimeSpan.FromSeconds(5));
        var list = await inbox.ListAsync(ViewerScope.AllAgencies);

        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), payload);
        var row = Assert.Single(list.Inbox);
        Assert.Equal(("unggah.txt", "pending", "analis"), (row.FileName, row.Status, row.UploadedBy));
        Assert.Equal(2, list.DocumentTotal);
        Assert.Equal(4, list.Documents.Single(d => d.FileName == "alfa-2024.txt").Agreements);
    }
}
