using Dapper;
using PkAnalytics.Etl.Commands;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Etl.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_ListsMigrate()
    {
        var (code, output, _) = await Run("help");
        Assert.Equal(0, code);
        Assert.Contains("migrate", output);
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwoAndNamesIt()
    {
        var (code, _, error) = await Run("frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("unknown command 'frobnicate'", error);
    }

    [Fact]
    public async Task Migrate_WithArguments_IsAUsageError()
    {
        var (code, _, error) = await Run("migrate", "extra");
        Assert.Equal(2, code);
        Assert.Contains("usage: pk etl migrate", error);
    }

    internal static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}

public sealed class MigrateCommandTests(EmptyTestDatabase database) : IClassFixture<EmptyTestDatabase>
{
    [Fact]
    public async Task Migrate_TwiceThroughTheProcess_IsIdempotent()
    {
        var first = await EtlProcess.RunAsync(database.ConnectionString, "migrate");
        var second = await EtlProcess.RunAsync(database.ConnectionString, "migrate");

        Assert.Equal(0, first.Code);
        Assert.Equal(0, second.Code);
        Assert.Contains("schema migrated", first.Error);
        Assert.Contains("schema is current", second.Error);
        await using var connection = await database.DataSource.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "select count(*) from \"__EFMigrationsHistory\" where \"MigrationId\" = '20261130134942_StarSchema'"));
    }
}
