using Microsoft.EntityFrameworkCore.Design;

namespace PkAnalytics.Warehouse.Data;

/// <summary>
/// For `dotnet ef migrations add` (run through `./pk ef`): the tool needs a context without the application's
/// host. Adding a migration never connects; `database update` uses PK_DB.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WarehouseDbContext>
{
    public WarehouseDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("PK_DB") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Database=pkanalytics_design_time";
        return new WarehouseDbContext(WarehouseDbContext.CreateOptions(WarehouseServiceCollectionExtensions.CreateDataSource(connectionString)));
    }
}
