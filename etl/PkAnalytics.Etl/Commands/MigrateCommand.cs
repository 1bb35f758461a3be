using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Schema;

namespace PkAnalytics.Etl.Commands;

public sealed class MigrateCommand : ICommand
{
    public string Name => "migrate";

    public string Summary => "migrate                 apply the database migrations that are missing (idempotent)";

    public async Task<int> RunAsync(CommandContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (args.Count > 0)
        {
            throw new UsageException("takes no arguments");
        }

        await using var dataSource = WarehouseServiceCollectionExtensions.CreateDataSource(context.ConnectionString);
        var applied = await new MigrationRunner(dataSource).MigrateAsync(cancellationToken);
        foreach (var migration in applied)
        {
            context.Error.WriteLine($"applied {migration.Version:D4}_{migration.Name}");
        }

        context.Error.WriteLine(applied.Count == 0
            ? $"schema is current (version {Migration.LatestVersion})"
            : $"schema migrated to version {Migration.LatestVersion}");
        return 0;
    }
}
