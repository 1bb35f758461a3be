using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Realisation;
using PkAnalytics.Warehouse.Data;

namespace PkAnalytics.Etl.Commands;

public sealed class DemoDataCommand : ICommand
{
    public string Name => "demo-data";

    public string Summary => "demo-data               write deterministic sample realisation, SAKIP and IKM (is_sample; idempotent)";

    public async Task<int> RunAsync(CommandContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (args.Count > 0)
        {
            throw new UsageException("takes no arguments");
        }

        await using var dataSource = WarehouseServiceCollectionExtensions.CreateDataSource(context.ConnectionString);
        await new SchemaMigrator(dataSource).MigrateAsync(cancellationToken);
        var summary = await new DemoDataWriter(dataSource).WriteAsync(cancellationToken);
        if (summary.Agencies == 0)
        {
            context.Error.WriteLine("demo-data: no agreements loaded yet; load documents first (pk etl load seeds/).");
            return 0;
        }

        context.Error.WriteLine(
            $"demo-data: {summary.Agencies} agencies; written {summary.IndicatorValues} indicator values, " +
            $"{summary.BudgetValues} budget values, {summary.SakipEvaluations} SAKIP evaluations, {summary.IkmSurveys} IKM surveys " +
            (summary.Changed == 0 ? "(already current)" : "(all marked as sample data)"));
        return 0;
    }
}
