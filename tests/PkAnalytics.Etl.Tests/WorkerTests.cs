using PkAnalytics.Warehouse.ReadModels;
using Dapper;
using PkAnalytics.Domain.Agreements;
using PkAnalytics.Etl.Inbox;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Inbox;
using PkAnalytics.Warehouse.Loading;

namespace PkAnalytics.Etl.Tests;

public sealed class WorkerProcessTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Worker_WokenByTheNotification_LoadsTheInboxDocumentAndWritesItsStatus()
    {
        // Polling once an hour (and once at start, before anything is queued): only the notification can make the
        // worker load the document while the test waits.
        await using var worker = EtlProcess.Start(database.ConnectionString, "worker", "--poll", "3600", "--name", "w1");
        Assert.True(await worker.WaitForErrorAsync("listening on 'etl_inbox'", TimeSpan.FromSeconds(60)), worker.Error);

        var queue = new InboxQueue(database.DataSource);
        var content = await File.ReadAllBytesAsync(Repo.SeedFiles[0]);
        var id = await queue.EnqueueAsync(ViewerScope.System with { Actor = "analyst" }, "upload.txt", content);
        var status = await Eventually.Async(() => queue.GetAsync(id), s => s!.Status is not ("pending" or "processing"), TimeSpan.FromSeconds(60));

        Assert.True(status!.Status == "loaded", $"status {status.Status}; worker log: {worker.Error}");
        Assert.Equal("w1", status.ClaimedBy);
        Assert.NotNull(status.DocumentId);
        Assert.NotNull(status.FinishedAt);
        Assert.Contains("\"status\": \"loaded\"", status.Result);
        Assert.Equal("inbox/" + id + "/upload.txt", await database.DataSource.OpenConnection()
            .ExecuteScalarAsync<string>("select source_path from dim_document where document_id = @id", new { id = status.DocumentId }));
    }
}

public sealed class InboxWorkerTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task TwoWorkers_NeverLoadTheSameInboxItem()
    {
        var queue = new InboxQueue(database.DataSource);
        var seeds = Repo.SeedFiles.Select(File.ReadAllBytes).ToList();
        var ids = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await queue.EnqueueAsync(ViewerScope.System, $"upload_{i}.txt", [.. seeds[i % seeds.Count], .. System.Text.Encoding.UTF8.GetBytes($"\nSalinan {i}\n")]));
        }

        var a = new InboxWorker(queue, new DocumentLoader(database.DataSource), "a", TextWriter.Null);
        var b = new InboxWorker(queue, new DocumentLoader(database.DataSource), "b", TextWriter.Null);
        var done = await Task.WhenAll(a.DrainAsync(CancellationToken.None), b.DrainAsync(CancellationToken.None));

        Assert.Empty(done[0].Intersect(done[1]));
        Assert.Equal(ids.Order(), done[0].Concat(done[1]).Order());
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<(long Id, string Status, string By)>(
            "select inbox_id, status, claimed_by from etl_inbox order by inbox_id")).ToList();
        Assert.All(rows, r => Assert.Equal("loaded", r.Status));
        Assert.Equal(done[0].Order(), rows.Where(r => r.By == "a").Select(r => r.Id));
        Assert.Equal(30L, await connection.ExecuteScalarAsync<long>("select count(*) from dim_document"));
    }
}

public sealed class InboxOutcomeTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Worker_SameContentTwice_SecondIsADuplicateOfTheFirstDocument()
    {
        var queue = new InboxQueue(database.DataSource);
        var content = await File.ReadAllBytesAsync(Repo.SeedFiles[1]);
        var first = await queue.EnqueueAsync(ViewerScope.System, "first.txt", content);
        var second = await queue.EnqueueAsync(ViewerScope.System, "second.txt", content);

        await new InboxWorker(queue, new DocumentLoader(database.DataSource), "w", TextWriter.Null).DrainAsync(CancellationToken.None);

        var a = await queue.GetAsync(first);
        var b = await queue.GetAsync(second);
        Assert.Equal(("loaded", "duplicate"), (a!.Status, b!.Status));
        Assert.Equal(a.DocumentId, b.DocumentId);
    }

    [Fact]
    public async Task Worker_DocumentThatFails_IsMarkedFailedWithItsErrorAndQuarantined()
    {
        var queue = new InboxQueue(database.DataSource);
        var id = await queue.EnqueueAsync(ViewerScope.System, "no-agency.txt", [1, 2, 3, 4]);
        var worker = new InboxWorker(queue, new DocumentLoader(database.DataSource), "w", TextWriter.Null)
        {
            Parse = (source, content) => new ParsedDocument(source, "abc123", "txt", null,
                [new Agreement(AgreementKind.Original, 2024, null, null, 1, new Party("A", "Kepala Dinas X"), new Party("B", "Bupati"), [], [], [], [])], []),
        };

        await worker.DrainAsync(CancellationToken.None);

        var status = await queue.GetAsync(id);
        Assert.Equal("failed", status!.Status);
        Assert.Contains("not the agency", status.Error);
        Assert.Null(status.DocumentId);
        var quarantine = await database.DataSource.OpenConnection().QuerySingleAsync<(string Path, string Error)>(
            "select source_path, error from etl_quarantine");
        Assert.Equal(($"inbox/{id}/no-agency.txt", status.Error!), quarantine);
    }
}

public sealed class WorkerPollingTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Worker_WithoutNotifications_FindsTheInboxDocumentByPolling()
    {
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("alter table etl_inbox disable trigger etl_inbox_notify");
        }

        await using var worker = EtlProcess.Start(database.ConnectionString, "worker", "--poll", "1", "--name", "poller");
        Assert.True(await worker.WaitForErrorAsync("listening on 'etl_inbox'", TimeSpan.FromSeconds(60)), worker.Error);

        // With the trigger off no notification exists: only a poll can find it.
        var queue = new InboxQueue(database.DataSource);
        var id = await queue.EnqueueAsync(ViewerScope.System, "polled.txt", await File.ReadAllBytesAsync(Repo.SeedFiles[2]));
        var status = await Eventually.Async(() => queue.GetAsync(id), s => s!.Status is not ("pending" or "processing"), TimeSpan.FromSeconds(60));

        Assert.True(status!.Status == "loaded", $"status {status.Status}; worker log: {worker.Error}");
        Assert.Equal("poller", status.ClaimedBy);
    }
}
