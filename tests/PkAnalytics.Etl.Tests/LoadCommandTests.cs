using Dapper;
using PkAnalytics.Documents;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Etl.Tests;

internal static class Folders
{
    /// <summary>A temporary folder with the seeds and <paramref name="variants"/> more documents (seeds with a line added).</summary>
    public static string WithSeedsAndVariants(int variants)
    {
        var folder = Directory.CreateTempSubdirectory("pk-load-test-").FullName;
        var seeds = Repo.SeedFiles;
        foreach (var seed in seeds)
        {
            File.Copy(seed, Path.Combine(folder, Path.GetFileName(seed)));
        }

        for (var i = 0; i < variants; i++)
        {
            var seed = seeds[i % seeds.Count];
            File.WriteAllText(Path.Combine(folder, $"variant_{i:D3}.txt"), File.ReadAllText(seed) + $"\nSalinan {i}\n");
        }

        return folder;
    }

    public static async Task<Dictionary<string, long>> CountsAsync(Npgsql.NpgsqlDataSource dataSource)
    {
        string[] tables = ["dim_document", "dim_agency", "dim_indicator", "dim_program", "dim_position", "dim_official", "agreement",
            "fact_indicator_target", "fact_budget_allocation", "explanation_target", "finding", "etl_quarantine"];
        await using var connection = await dataSource.OpenConnectionAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            counts[table] = await connection.ExecuteScalarAsync<long>($"select count(*) from {table}");
        }

        return counts;
    }
}

public sealed class SeedLoadTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Load_Seeds_CountsEqualTheParsersOutput_AndAReloadIsANoOp()
    {
        var parsed = Repo.SeedFiles.Select(DocumentParser.ParseFile).ToList();

        var first = await EtlProcess.RunAsync(database.ConnectionString, "load", Repo.Seeds);
        var afterFirst = await Folders.CountsAsync(database.DataSource);
        var contentAfterFirst = await FactSnapshot.TakeAsync(database.DataSource);
        var second = await EtlProcess.RunAsync(database.ConnectionString, "load", Repo.Seeds);
        var afterSecond = await Folders.CountsAsync(database.DataSource);

        Assert.True(first.Code == 0, first.Output + first.Error);
        Assert.Contains($"loaded {parsed.Count}, unchanged 0, replaced 0, failed 0 of {parsed.Count} document(s)", first.Output);
        Assert.Equal(parsed.Count, afterFirst["dim_document"]);
        Assert.Equal(parsed.Sum(d => d.Agreements.Count), afterFirst["agreement"]);
        Assert.Equal(parsed.Sum(d => d.Agreements.Sum(a => a.Indicators.Count)), afterFirst["fact_indicator_target"]);
        Assert.Equal(parsed.Sum(d => d.Agreements.Sum(a => a.Budget.Count)), afterFirst["fact_budget_allocation"]);
        Assert.Equal(parsed.Sum(d => d.Agreements.Sum(a => a.ExplanationTargets.Count)), afterFirst["explanation_target"]);
        Assert.Equal(parsed.Sum(d => d.Findings.Count + d.Agreements.Sum(a => a.Findings.Count)), afterFirst["finding"]);
        Assert.Equal(parsed.Where(d => d.Agreements.Count > 0).Select(d => d.Agency).Distinct().Count(), afterFirst["dim_agency"]);
        Assert.Equal(0, afterFirst["etl_quarantine"]);

        Assert.Equal(0, second.Code);
        Assert.Contains($"loaded 0, unchanged {parsed.Count}, replaced 0, failed 0", second.Output);
        Assert.Equal(afterFirst, afterSecond);
        Assert.Equal(contentAfterFirst, await FactSnapshot.TakeAsync(database.DataSource));
    }
}

public sealed class LoadCommandTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Load_FolderWithAnUnreadableFile_QuarantinesItLoadsTheOthersShowsProgressAndExitsOne()
    {
        var folder = Folders.WithSeedsAndVariants(0);
        var broken = Path.Combine(folder, "003_missing.txt");
        File.CreateSymbolicLink(broken, Path.Combine(folder, "does-not-exist.txt"));
        try
        {
            var (code, output, error) = await EtlProcess.RunAsync(database.ConnectionString, "load", folder);

            Assert.Equal(1, code);
            Assert.Contains("loaded 5, unchanged 0, replaced 0, failed 1 of 6 document(s)", output);
            Assert.Contains($"failed: {broken}: FileNotFoundException", output);
            Assert.Matches(@"\[6/6\] [\d.]+ files/s, ETA \d+s, 1 failed", error);
            var quarantined = await Db(database).QuerySingleAsync<(string Path, string Error)>("select source_path, error from etl_quarantine");
            Assert.Equal(broken, quarantined.Path);
            Assert.Contains("003_missing.txt", quarantined.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Load_MissingPath_ExitsOneAndNamesIt()
    {
        var (code, _, error) = await EtlProcess.RunAsync(database.ConnectionString, "load", "/nonexistent/pk-folder");
        Assert.Equal(1, code);
        Assert.Contains("no such file or folder: /nonexistent/pk-folder", error);
    }

    [Fact]
    public async Task Load_WithoutPaths_IsAUsageError()
    {
        var (code, _, error) = await CommandLineTests.Run("load");
        Assert.Equal(2, code);
        Assert.Contains("usage: pk etl load PATH...", error);
    }

    private static Npgsql.NpgsqlConnection Db(TestDatabase database) => database.DataSource.OpenConnection();
}

public sealed class ConcurrentLoadCommandTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Load_TwoConcurrentRunsOfTheSameFolder_LoadEachDocumentOnce()
    {
        var folder = Folders.WithSeedsAndVariants(25);
        try
        {
            await EtlProcess.RunAsync(database.ConnectionString, "migrate");
            var runs = await Task.WhenAll(
                EtlProcess.RunAsync(database.ConnectionString, "load", folder),
                EtlProcess.RunAsync(database.ConnectionString, "load", folder));

            Assert.All(runs, r => Assert.True(r.Code == 0, r.Output + r.Error));
            var loaded = runs.Sum(r => int.Parse(System.Text.RegularExpressions.Regex.Match(r.Output, @"loaded (\d+),").Groups[1].Value));
            var unchanged = runs.Sum(r => int.Parse(System.Text.RegularExpressions.Regex.Match(r.Output, @"unchanged (\d+),").Groups[1].Value));
            Assert.Equal(30, loaded);
            Assert.Equal(30, unchanged);
            var counts = await Folders.CountsAsync(database.DataSource);
            Assert.Equal(30, counts["dim_document"]);
            Assert.Equal(0, counts["etl_quarantine"]);
            var perContent = await Task.WhenAll(Directory.GetFiles(folder).Select(f => DocumentParser.ParseFile(f))
                .Select(async d => await database.DataSource.CreateCommand($"select count(*) from agreement a join dim_document d using (document_id) where d.sha256 = '{d.Sha256}'").ExecuteScalarAsync()));
            Assert.Equal(
                Directory.GetFiles(folder).Select(f => (long)DocumentParser.ParseFile(f).Agreements.Count),
                perContent.Select(c => (long)c!));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

public sealed class DatabaseGoneTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Load_DatabaseGoneMidway_StopsAndSaysSo_QuarantinesNothing_AndTheRerunFinishesTheJob()
    {
        var folder = Folders.WithSeedsAndVariants(300);
        var files = Directory.GetFiles(folder).Length;
        string error;
        int code;
        await using (var load = EtlProcess.Start(database.ConnectionString, "load", "--jobs", "2", folder))
        {
            await Eventually.Async(async () =>
            {
                await using var c = await database.DataSource.OpenConnectionAsync();
                return await c.ExecuteScalarAsync<long>("select count(*) from dim_document");
            }, n => n >= 5, TimeSpan.FromSeconds(120));
            await database.SetReachableAsync(false);
            try
            {
                await load.Process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
            }
            finally
            {
                await database.SetReachableAsync(true);
            }

            (code, error) = (load.Process.ExitCode, load.Error);
            Assert.Contains("stopped: the database is gone", error);
            Assert.Contains("run the same command again to finish", error);
            Assert.DoesNotContain("quarantined", await load.Output);
        }

        Assert.Equal(1, code);
        Assert.DoesNotContain("could not be quarantined", error);
        await using (var c = await database.DataSource.OpenConnectionAsync())
        {
            Assert.Equal(0L, await c.ExecuteScalarAsync<long>("select count(*) from etl_quarantine"));
            // Nothing half-loaded: every document row has all the agreements it says it has.
            Assert.Equal(0L, await c.ExecuteScalarAsync<long>(
                "select count(*) from dim_document d where d.agreement_count <> (select count(*) from agreement a where a.document_id = d.document_id)"));
            Assert.True(await c.ExecuteScalarAsync<long>("select count(*) from dim_document") < files);
        }

        var rerun = await EtlProcess.RunAsync(database.ConnectionString, "load", "--jobs", "2", folder);
        Assert.True(rerun.Code == 0, rerun.Output + rerun.Error);
        Assert.Contains("failed 0", rerun.Output);
        await using var after = await database.DataSource.OpenConnectionAsync();
        Assert.Equal(files, await after.ExecuteScalarAsync<long>("select count(*) from dim_document"));
    }
}
