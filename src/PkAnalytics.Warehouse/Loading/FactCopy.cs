using Npgsql;
using NpgsqlTypes;
using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Warehouse.Loading;

/// <summary>
/// Binary COPY of the two fact tables. The loader and the load benchmark (its raw-COPY baseline) write rows
/// through the same code, so the comparison measures everything around the COPY, not two different writers.
/// </summary>
public static class FactCopy
{
    public const string IndicatorTargetColumns =
        "(agreement_id, seq, indicator_id, objective, target_raw, target_value, target_unit, document_id, line)";

    public const string BudgetAllocationColumns =
        "(agreement_id, seq, program_id, level, amount, funding_source, document_id, line)";

    public static string CopyIndicatorTargets(string table = "fact_indicator_target") =>
        $"copy {table} {IndicatorTargetColumns} from stdin (format binary)";

    public static string CopyBudgetAllocations(string table = "fact_budget_allocation") =>
        $"copy {table} {BudgetAllocationColumns} from stdin (format binary)";

    public static async Task WriteIndicatorTargetAsync(NpgsqlBinaryImporter writer, int agreementId, int seq,
        int indicatorId, IndicatorTarget row, int documentId, CancellationToken cancellationToken)
    {
        await writer.StartRowAsync(cancellationToken);
        await writer.WriteAsync(agreementId, NpgsqlDbType.Integer, cancellationToken);
        await writer.WriteAsync(seq, NpgsqlDbType.Integer, cancellationToken);
        await writer.WriteAsync(indicatorId, NpgsqlDbType.Integer, cancellationToken);
        await writer.WriteAsync(row.Objective, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(row.Target.Raw, NpgsqlDbType.Text, cancellationToken);
        await WriteNullableAsync(writer, row.Target.Value, NpgsqlDbType.Numeric, cancellationToken);
        await WriteNullableAsync(writer, row.Target.Unit, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(documentId, NpgsqlDbType.Integer, cancellationToken);
        await writer.WriteAsync(row.Line, NpgsqlDbType.Integer, cancellationToken);
    }

    public static async Task WriteBudgetAllocationAsync(NpgsqlBinaryImporter writer, int agreementId, int seq,
        int programId, BudgetLine row, int documentId, CancellationToken cancellationToken)
    {
        await writer.StartRowAsync(cancellationToken);
        await writer.WriteAsync(agreementId, NpgsqlDbType.Integer, cancellationToken);
        await writer.WriteAsync(seq, NpgsqlDbType.Integer, cancellationToken);
        await writer.WriteAsync(programId, NpgsqlDbType.Integer, cancellationToken);
        await writer.WriteAsync(Names.LevelName(row.Level), NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(row.Amount, NpgsqlDbType.Numeric, cancellationToken);
        await WriteNullableAsync(writer, row.Source, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(documentId, NpgsqlDbType.Integer, cancellationToken);
        await writer.WriteAsync(row.Line, NpgsqlDbType.Integer, cancellationToken);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, decimal? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is { } v ? writer.WriteAsync(v, type, cancellationToken) : writer.WriteNullAsync(cancellationToken);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is { } v ? writer.WriteAsync(v, type, cancellationToken) : writer.WriteNullAsync(cancellationToken);
}
