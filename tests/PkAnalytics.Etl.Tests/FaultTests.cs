using System.Diagnostics;
using Dapper;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Inbox;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Etl.Tests;

/// <summary>
/// Workers and loads interrupted the hard ways - killed, terminated, the database gone - lose nothing and load
/// nothing twice: an item comes back (handed back, or taken again after its lease) and is loaded once.
/// </summary>
public sealed class FaultTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    // A scan without a text layer: its OCR keeps a worker busy for seconds, long enough to interrupt it.
    private static string SlowDocument => Path.Combine(Repo.Root, "tests", "corpus", "02_wonogiri_camat_jatisrono_2019.pdf");

    private static void Terminate(Process process) => Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    private async Task<long> EnqueueSlowAsync(string name) =>
        await new InboxQueue(database.DataSource).EnqueueAsync(ViewerScope.System, name, await File.ReadAllBytesAsync(SlowDocument));

    private Task<InboxStatus> WaitAsync(long id, Func<InboxStatus, bool> done) =>
        Eventually.Async(async () => (await new InboxQueue(database.DataSource).GetAsync(id))!, done, TimeSpan.FromSeconds(120));

    private async Task<(long Documents, long Quarantined)> CountsAsync(string sha)
    {
        await using var c = await database.DataSource.OpenConnectionAsync();
        return (await c.ExecuteScalarAsync<long>("select count(*) from dim_document where sha256 = @sha", new { sha }),
                await c.ExecuteScalarAsync<long>("select count(*) from etl_quarantine"));
    }

    [Fact]
    public async Task WorkerKilledMidItem_AnotherWorkerTakesItAfterItsLease_AndLoadsItOnce()
    {
        var id = await EnqueueSlowAsync("dibunuh.pdf");
        await using (var first = EtlProcess.Start(database.ConnectionString, "worker", "--poll", "1", "--name", "pertama"))
        {
            var claimed = await WaitAsync(id, s => s.Status == InboxStatuses.Processing);
            Assert.Equal("pertama", claimed.ClaimedBy);
            first.Process.Kill(entireProcessTree: true); // kill -9: no chance to hand it back
            await first.Process.WaitForExitAsync();
        }

        Assert.Equal(InboxStatuses.Processing, (await new InboxQueue(database.DataSource).GetAsync(id))!.Status);
        await using var second = EtlProcess.Start(database.ConnectionString, "worker", "--poll", "1", "--name", "kedua", "--lease", "2");
        var done = await WaitAsync(id, s => s.Status is InboxStatuses.Loaded or InboxStatuses.Failed or InboxStatuses.Duplicate);

        Assert.True(done.Status == InboxStatuses.Loaded, $"{done.Status} {done.Error}\n{second.Error}");
        Assert.Equal("kedua", done.ClaimedBy);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(SlowDocument)));
        Assert.Equal((1L, 0L), await CountsAsync(sha));
    }

    [Fact]
    public async Task WorkerTerminatedMidItem_HandsItBack_AndTheNextWorkerLoadsIt()
    {
        var id = await EnqueueSlowAsync("sigterm.pdf");
        await using (var first = EtlProcess.Start(database.ConnectionString, "worker", "--poll", "1", "--name", "berhenti"))
        {
            await WaitAsync(id, s => s.Status == InboxStatuses.Processing);
            Terminate(first.Process);
            Assert.True(first.Process.WaitForExit(TimeSpan.FromSeconds(60)), "the worker did not stop on SIGTERM: " + first.Error);
            first.Process.WaitForExit(); // the timed wait does not wait for the redirected output; this does
            Assert.Contains("released", first.Error);
        }

        var handedBack = (await new InboxQueue(database.DataSource).GetAsync(id))!;
        Assert.Equal((InboxStatuses.Pending, (string?)null), (handedBack.Status, handedBack.ClaimedBy));

        // No lease to wait for: the next worker takes it at once (its lease is an hour).
        await using var next = EtlProcess.Start(database.ConnectionString, "worker", "--poll", "1", "--name", "berikut", "--lease", "3600");
        var done = await WaitAsync(id, s => s.Status is InboxStatuses.Loaded or InboxStatuses.Failed or InboxStatuses.Duplicate);
        Assert.True(done.Status is InboxStatuses.Loaded or InboxStatuses.Duplicate, $"{done.Status} {done.Error}");
        Assert.Equal("berikut", done.ClaimedBy);
    }

    [Fact]
    public async Task DatabaseGoneMidItem_NothingIsQuarantined_AndTheItemIsLoadedOnceWhenItIsBack()
    {
        await using (var c = await database.DataSource.OpenConnectionAsync())
        {
            await c.ExecuteAsync("delete from etl_inbox; delete from etl_quarantine");
        }

        await using var worker = EtlProcess.Start(database.ConnectionString, "worker", "--poll", "1", "--name", "bertahan", "--lease", "2");
        Assert.True(await worker.WaitForErrorAsync("listening on 'etl_inbox'", TimeSpan.FromSeconds(60)), worker.Error);
        var id = await EnqueueSlowAsync("putus.pdf");
        await WaitAsync(id, s => s.Status == InboxStatuses.Processing);
        await database.SetReachableAsync(false);
        try
        {
            // The worker finds out when its parse is done and it needs the database again.
            Assert.True(await worker.WaitForErrorAsync("database unavailable", TimeSpan.FromSeconds(120)), worker.Error);
        }
        finally
        {
            await database.SetReachableAsync(true);
        }

        var done = await WaitAsync(id, s => s.Status is InboxStatuses.Loaded or InboxStatuses.Failed or InboxStatuses.Duplicate);
        Assert.True(done.Status is InboxStatuses.Loaded or InboxStatuses.Duplicate, $"{done.Status} {done.Error}\n{worker.Error}");
        await using var after = await database.DataSource.OpenConnectionAsync();
        Assert.Equal(0L, await after.ExecuteScalarAsync<long>("select count(*) from etl_quarantine"));
        Assert.False(worker.Process.HasExited);
    }

    [Fact]
    public async Task LoadTerminatedMidRun_RollsBackTheDocumentsInFlight_AndTheRerunFinishes()
    {
        var folder = Folders.WithSeedsAndVariants(300);
        var files = Directory.GetFiles(folder).Length;
        await using (var load = EtlProcess.Start(database.ConnectionString, "load", "--jobs", "2", folder))
        {
            await Eventually.Async(async () =>
            {
                await using var c = await database.DataSource.OpenConnectionAsync();
                return await c.ExecuteScalarAsync<long>("select count(*) from dim_document where source_path like @folder", new { folder = folder + "%" });
            }, n => n >= 5, TimeSpan.FromSeconds(120));
            Terminate(load.Process);
            Assert.True(load.Process.WaitForExit(TimeSpan.FromSeconds(60)), "load did not stop on SIGTERM");
            load.Process.WaitForExit(); // the timed wait does not wait for the redirected output; this does
            Assert.Equal(130, load.Process.ExitCode);
            Assert.Contains("cancelled", load.Error);
        }

        await using (var c = await database.DataSource.OpenConnectionAsync())
        {
            Assert.Equal(0L, await c.ExecuteScalarAsync<long>(
                "select count(*) from dim_document d where d.agreement_count <> (select count(*) from agreement a where a.document_id = d.document_id)"));
            Assert.True(await c.ExecuteScalarAsync<long>("select count(*) from dim_document where source_path like @folder", new { folder = folder + "%" }) < files);
        }

        var rerun = await EtlProcess.RunAsync(database.ConnectionString, "load", "--jobs", "2", folder);
        Assert.True(rerun.Code == 0, rerun.Output + rerun.Error);
        await using var after = await database.DataSource.OpenConnectionAsync();
        Assert.Equal(files, await after.ExecuteScalarAsync<long>("select count(*) from dim_document where source_path like @folder", new { folder = folder + "%" }));
    }
}
