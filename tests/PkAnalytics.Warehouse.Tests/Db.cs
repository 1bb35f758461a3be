using Dapper;
using Npgsql;

namespace PkAnalytics.Warehouse.Tests;

internal static class Db
{
    public static readonly string[] Tables =
    [
        "dim_agency", "dim_official", "dim_position", "dim_indicator", "dim_program", "dim_document", "agreement",
        "fact_indicator_target", "fact_budget_allocation", "explanation_target", "finding", "etl_quarantine",
    ];

    /// <summary>Row counts of every table a load writes.</summary>
    public static async Task<Dictionary<string, long>> CountsAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in Tables)
        {
            counts[table] = await connection.ExecuteScalarAsync<long>($"select count(*) from {table}");
        }

        return counts;
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, object? args = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    public static async Task<List<T>> QueryAsync<T>(NpgsqlDataSource dataSource, string sql, object? args = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<T>(sql, args)).AsList();
    }
}
