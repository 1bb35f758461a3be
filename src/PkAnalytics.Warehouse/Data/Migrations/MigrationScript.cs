namespace PkAnalytics.Warehouse.Data.Migrations;

/// <summary>SQL a migration runs where EF has no words for it (views, functions, triggers), embedded beside it.</summary>
internal static class MigrationScript
{
    public static string Read(string name)
    {
        var resource = $"Data/Migrations/{name}.sql";
        using var stream = typeof(MigrationScript).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration script {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
