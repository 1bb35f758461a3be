using System.Text.Json;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Documents.Tests;

/// <summary>
/// Agreements in layouts the seeds do not have (Unseen/README.md): each must parse exactly as its checked expected
/// file, field by field as the seeds' golden files are compared.
/// </summary>
public sealed class UnseenLayoutTests
{
    private static string Folder => Path.Combine(Repo.Root, "tests", "PkAnalytics.Documents.Tests", "Unseen");

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.expected.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file)[..^".expected.json".Length]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void UnseenLayout_ParsesExactlyAsItsCheckedExpectedFile(string name)
    {
        var parsed = DocumentParser.Parse("unseen/" + name, File.ReadAllBytes(Path.Combine(Folder, name)));
        using var actual = JsonDocument.Parse(ParsedDocumentJson.Serialize([parsed]));
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".expected.json")));

        var differences = GoldenComparer.Compare(expected.RootElement, actual.RootElement.GetProperty("documents")[0]);

        Assert.True(differences.Count == 0, $"{differences.Count} differences from {name}.expected.json:\n" + string.Join("\n", differences.Take(40)));
    }

    [Fact]
    public void UnseenLayouts_AreAllThere()
    {
        Assert.Equal(24, Documents().Count);
    }
}
