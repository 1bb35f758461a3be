using PkAnalytics.TestSupport;

namespace PkAnalytics.Etl.Tests;

public sealed class ReplaceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task LoadReplace_SameSeedsAgain_ReplacesEachDocumentAndKeepsTheSameCounts()
    {
        var first = await EtlProcess.RunAsync(database.ConnectionString, "load", Repo.Seeds);
        var before = await Folders.CountsAsync(database.DataSource);

        var replaced = await EtlProcess.RunAsync(database.ConnectionString, "load", "--replace", "--jobs", "1", Repo.Seeds);
        var after = await Folders.CountsAsync(database.DataSource);

        Assert.Equal(0, first.Code);
        Assert.True(replaced.Code == 0, replaced.Output + replaced.Error);
        Assert.Contains($"loaded 0, unchanged 0, replaced {Repo.SeedFiles.Count}, failed 0", replaced.Output);
        Assert.Equal(before, after);
    }
}
