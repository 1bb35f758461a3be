namespace PkAnalytics.TestSupport;

/// <summary>Paths inside the checkout, found from the test binary's location.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Seeds => Path.Combine(Root, "seeds");

    public static IReadOnlyList<string> SeedFiles =>
        Directory.GetFiles(Seeds, "*.txt").Order(StringComparer.Ordinal).ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PkAnalytics.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PkAnalytics.sln above {AppContext.BaseDirectory}.");
    }
}
