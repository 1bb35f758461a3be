using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Loading;

namespace PkAnalytics.Etl.Commands;

public sealed class ClassifyCommand : ICommand
{
    public string Name => "classify";

    public string Summary => "classify                re-apply the indicator classification rules and overrides (manual edits kept)";

    public async Task<int> RunAsync(CommandContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (args.Count > 0)
        {
            throw new UsageException("takes no arguments");
        }

        await using var dataSource = WarehouseServiceCollectionExtensions.CreateDataSource(context.ConnectionString);
        var changed = await new IndicatorClassifier(dataSource).ReclassifyAsync(cancellationToken);
        context.Out.WriteLine($"reclassified {changed} indicator(s)");
        return 0;
    }
}
