using System.Text;
using Dapper;
using PkAnalytics.Documents;
using PkAnalytics.Domain.Agreements;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Inbox;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Etl.Tests;

/// <summary>
/// Uploads are read by the worker for the upload page, in a child process bounded in memory and time; only a
/// confirmed upload is loaded. A document that exceeds the bounds fails its preview with the reason, and the
/// worker goes on with the next one.
/// </summary>
public sealed class PreviewTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly ViewerScope Analyst = ViewerScope.System with { Actor = "analis@uji" };

    private Task<InboxStatus> SettledAsync(InboxQueue queue, long id) =>
        Eventually.Async(async () => (await queue.GetAsync(id))!,
            s => s.Status is not (InboxStatuses.PreviewPending or InboxStatuses.Previewing or InboxStatuses.Pending or InboxStatuses.Processing),
            TimeSpan.FromSeconds(90));

    private async Task<long> DocumentsAsync()
    {
        await using var c = await database.DataSource.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long>("select count(*) from dim_document");
    }

    [Fact]
    public async Task Upload_IsPreviewedByTheWorkerInAChildProcess_AndLoadedOnlyWhenConfirmed()
    {
        await using var worker = EtlProcess.Start(database.ConnectionString, "worker", "--poll", "1", "--name", "pratinjau");
        Assert.True(await worker.WaitForErrorAsync("listening on 'etl_inbox'", TimeSpan.FromSeconds(60)), worker.Error);
        var queue = new InboxQueue(database.DataSource);
        var seed = Repo.SeedFiles[3];
        var expected = DocumentParser.ParseFile(seed);
        var documentsBefore = await DocumentsAsync();

        var id = await queue.EnqueueForPreviewAsync(Analyst, "dukcapil.txt", await File.ReadAllBytesAsync(seed));
        var previewed = await SettledAsync(queue, id);

        Assert.True(previewed.Status == InboxStatuses.PreviewReady, $"{previewed.Status} {previewed.Error}\n{worker.Error}");
        var preview = ParsedDocumentTransfer.Deserialize(previewed.Preview!);
        Assert.Equal(expected.Agency, preview.Agency);
        Assert.Equal(expected.Agreements.Select(a => (a.Line, a.Indicators.Count, a.Budget.Count)), preview.Agreements.Select(a => (a.Line, a.Indicators.Count, a.Budget.Count)));
        Assert.Equal(expected.Agreements.SelectMany(a => a.Indicators), preview.Agreements.SelectMany(a => a.Indicators));
        Assert.Equal(documentsBefore, await DocumentsAsync()); // read, not loaded

        Assert.True(await queue.ConfirmAsync(Analyst, id));
        var loaded = await SettledAsync(queue, id);
        Assert.True(loaded.Status is InboxStatuses.Loaded, $"{loaded.Status} {loaded.Error}");
        Assert.Equal(documentsBefore + 1, await DocumentsAsync());
        Assert.False(await queue.ConfirmAsync(Analyst, id)); // once
    }

    [Fact]
    public async Task Preview_OverTheMemoryBound_FailsWithTheReason_AndTheWorkerReadsTheNextOne()
    {
        await using var worker = EtlProcess.Start(database.ConnectionString, "worker", "--poll", "1", "--name", "terbatas", "--parse-memory-mb", "32");
        Assert.True(await worker.WaitForErrorAsync("listening on 'etl_inbox'", TimeSpan.FromSeconds(60)), worker.Error);
        var queue = new InboxQueue(database.DataSource);

        // Four megabytes of agreements: reading them needs more than 32 MB of heap.
        var seeds = Repo.SeedFiles.Select(File.ReadAllText).ToList();
        var text = new StringBuilder();
        while (text.Length < 4 * 1024 * 1024)
        {
            seeds.ForEach(s => text.Append(s).Append('\n'));
        }

        var big = await queue.EnqueueForPreviewAsync(Analyst, "besar.txt", Encoding.UTF8.GetBytes(text.ToString()));
        var small = await queue.EnqueueForPreviewAsync(Analyst, "kecil.txt", await File.ReadAllBytesAsync(Repo.SeedFiles[3]));

        var failed = await SettledAsync(queue, big);
        Assert.Equal(InboxStatuses.PreviewFailed, failed.Status);
        Assert.Contains("melebihi batas memori 32 MB", failed.Error);
        Assert.Null(failed.Preview);
        Assert.Equal(InboxStatuses.PreviewReady, (await SettledAsync(queue, small)).Status);
        Assert.False(worker.Process.HasExited);
    }

    [Fact]
    public async Task Preview_OverTheTimeBound_IsStoppedWithTheReason()
    {
        await using var worker = EtlProcess.Start(database.ConnectionString, "worker", "--poll", "1", "--name", "waktu", "--parse-timeout", "0.05");
        Assert.True(await worker.WaitForErrorAsync("listening on 'etl_inbox'", TimeSpan.FromSeconds(60)), worker.Error);
        var queue = new InboxQueue(database.DataSource);

        var id = await queue.EnqueueForPreviewAsync(Analyst, "lambat.txt", await File.ReadAllBytesAsync(Repo.SeedFiles[0]));
        var failed = await SettledAsync(queue, id);

        Assert.Equal(InboxStatuses.PreviewFailed, failed.Status);
        Assert.Contains("melebihi batas waktu", failed.Error);
    }

    [Fact]
    public async Task CancelledPreview_KeepsNothingOfTheFile_AndCannotBeConfirmed()
    {
        var queue = new InboxQueue(database.DataSource);
        var id = await queue.EnqueueForPreviewAsync(Analyst, "batal.txt", [1, 2, 3]);

        Assert.True(await queue.CancelAsync(Analyst, id));
        Assert.False(await queue.ConfirmAsync(Analyst, id));
        await using var c = await database.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("select length(content) from etl_inbox where inbox_id = @id", new { id }));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => queue.ConfirmAsync(ViewerScope.Agency(1), id));
    }
}
