using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Data;

namespace PkAnalytics.Etl.Commands;

public sealed class MigrateCommand : ICommand
{
    public string Name => "migrate";

    public string Summary => "migrate [--script]      apply the missing migrations (idempotent); --script prints the idempotent SQL for a DBA instead";

    public async Task<int> RunAsync(CommandContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var script = args is ["--script"];
        if (args.Count > 0 && !script)
        {
            throw new UsageException($"unknown argument '{args[0]}'");
        }

        if (script)
        {
            // Needs no database: the script checks the history table itself when it runs.
            await using var offline = WarehouseServiceCollectionExtensions.CreateDataSource("Host=127.0.0.1;Database=pkanalytics");
            context.Out.Write(new SchemaMigrator(offline).IdempotentScript());
            return 0;
        }

        await using var dataSource = WarehouseServiceCollectionExtensions.CreateDataSource(context.ConnectionString);
        var migrator = new SchemaMigrator(dataSource);
        var applied = await migrator.MigrateAsync(cancellationToken);
        foreach (var migration in applied)
        {
            context.Error.WriteLine($"applied {migration}");
        }

        var status = await migrator.GetStatusAsync(cancellationToken);
        context.Error.WriteLine(applied.Count == 0 ? $"schema is current ({status.Current})" : $"schema migrated to {status.Current}");
        return 0;
    }
}
