namespace PkAnalytics.Warehouse;

/// <summary>Bound from the "Warehouse" configuration section; PK_DB overrides the connection string.</summary>
public sealed class WarehouseOptions
{
    public const string SectionName = "Warehouse";

    /// <summary>An Npgsql connection string.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The connection string from PK_DB, else the configured one; a clear error when neither is set.</summary>
    public static string ResolveConnectionString(string? configured)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PK_DB");
        var value = !string.IsNullOrWhiteSpace(fromEnvironment) ? fromEnvironment : configured;
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                "No database configured: set PK_DB to an Npgsql connection string " +
                "(for example Host=127.0.0.1;Port=5433;Username=postgres;Database=pkanalytics), or run through ./pk.");
        }

        return value;
    }
}
