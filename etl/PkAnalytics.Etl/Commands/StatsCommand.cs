using System.Globalization;
using System.Text.Json;
using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Stats;

namespace PkAnalytics.Etl.Commands;

public sealed class StatsCommand : ICommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public string Name => "stats";

    public string Summary => "stats [--format text|json]   what the database holds, per agency and in total";

    public async Task<int> RunAsync(CommandContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var format = "text";
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--format" && i + 1 < args.Count && args[i + 1] is "text" or "json")
            {
                format = args[++i];
            }
            else if (args[i] is "--json")
            {
                format = "json";
            }
            else
            {
                throw new UsageException($"unknown argument '{args[i]}'");
            }
        }

        await using var dataSource = WarehouseServiceCollectionExtensions.CreateDataSource(context.ConnectionString);
        var snapshot = await new WarehouseStats(dataSource).GetAsync(cancellationToken);
        if (format == "json")
        {
            context.Out.WriteLine(JsonSerializer.Serialize(new
            {
                agencies = snapshot.Agencies.Select(Row),
                total = Row(snapshot.Total),
                quarantined = snapshot.Quarantined,
                inbox_pending = snapshot.InboxPending,
                inbox_failed = snapshot.InboxFailed,
            }, Json));
            return 0;
        }

        WriteTable(context.Out, snapshot);
        return 0;
    }

    private static object Row(AgencyStats s) => new
    {
        agency_id = s.AgencyId,
        agency = s.Agency,
        documents = s.Documents,
        agreements_current = s.AgreementsCurrent,
        agreements_all = s.AgreementsAll,
        indicator_targets = s.IndicatorTargets,
        budget_lines = s.BudgetLines,
        budget_total_current = s.BudgetTotalCurrent,
        findings = s.Findings,
        realisation = new
        {
            indicator_quarters = s.IndicatorRealisations,
            budget_months = s.BudgetRealisations,
            sakip_evaluations = s.SakipEvaluations,
            ikm_surveys = s.IkmSurveys,
            total = s.RealisationRows,
        },
    };

    private static void WriteTable(TextWriter output, WarehouseSnapshot snapshot)
    {
        var id = CultureInfo.GetCultureInfo("id-ID");
        var rows = snapshot.Agencies.Append(snapshot.Total).Select(s => new[]
        {
            s.Agency,
            s.Documents.ToString(id),
            $"{s.AgreementsCurrent.ToString(id)}/{s.AgreementsAll.ToString(id)}",
            s.IndicatorTargets.ToString("N0", id),
            s.BudgetLines.ToString("N0", id),
            "Rp " + s.BudgetTotalCurrent.ToString("N0", id),
            s.Findings.ToString("N0", id),
            s.RealisationRows.ToString("N0", id),
        }).ToList();
        string[] header = ["Agency", "Documents", "Agreements cur/all", "Targets", "Budget lines", "Budget (current)", "Findings", "Realisation rows"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Format(string[] cells) => string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));
        output.WriteLine(Format(header));
        for (var r = 0; r < rows.Count; r++)
        {
            if (r == rows.Count - 1)
            {
                output.WriteLine(new string('-', widths.Sum() + 2 * (widths.Length - 1)));
            }

            output.WriteLine(Format(rows[r]));
        }

        output.WriteLine($"Quarantined documents: {snapshot.Quarantined}; inbox waiting: {snapshot.InboxPending}, failed: {snapshot.InboxFailed}");
    }
}
