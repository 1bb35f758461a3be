using PkAnalytics.TestSupport;

namespace PkAnalytics.Etl.Tests;

public sealed class ReplaceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task LoadReplace_SameSeedsAgain_ReplacesEachDocumentAndKeepsTheSameCounts()
    {
        var first = await EtlProcess.RunAsync(database.ConnectionString, "load", Repo.Seeds);
        var before = await Folders.CountsAsync(database.DataSource);
        var contentBefore = await FactSnapshot.TakeAsync(database.DataSource);
        var documentsBefore = await DocumentIdsAsync();

        var replaced = await EtlProcess.RunAsync(database.ConnectionString, "load", "--replace", "--jobs", "1", Repo.Seeds);
        var after = await Folders.CountsAsync(database.DataSource);

        Assert.Equal(0, first.Code);
        Assert.True(replaced.Code == 0, replaced.Output + replaced.Error);
        Assert.Contains($"loaded 0, unchanged 0, replaced {Repo.SeedFiles.Count}, failed 0", replaced.Output);
        Assert.Equal(before, after);

        // The same rows by content, now all on the new version of each document.
        Assert.Equal(contentBefore, await FactSnapshot.TakeAsync(database.DataSource));
        var documentsAfter = await DocumentIdsAsync();
        Assert.Equal(documentsBefore.Count, documentsAfter.Count);
        Assert.Empty(documentsBefore.Intersect(documentsAfter));
        Assert.Equal(0, await FactSnapshot.RowsNotOnTheirDocumentAsync(database.DataSource));
    }

    private async Task<IReadOnlyList<int>> DocumentIdsAsync()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return (await Dapper.SqlMapper.QueryAsync<int>(connection, "select document_id from dim_document")).ToList();
    }
}
