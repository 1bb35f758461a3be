using System.Net;
using Dapper;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Accounts;

namespace PkAnalytics.Dashboard.Tests;

public sealed class HealthAndHomeTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Health_DatabaseReachable_Returns200()
    {
        await using var factory = new DashboardFactory(database.ConnectionString);
        var response = await factory.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_DatabaseUnreachable_Returns503()
    {
        using var closed = new ClosedPort();
        await using var factory = new DashboardFactory(
            $"Host=127.0.0.1;Port={closed.Port};Username=postgres;Database=none;Timeout=2");
        var response = await factory.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Home_ListsAgenciesWithAgreementCounts()
    {
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                with a as (insert into dim_agency (name, normalized_name) values ('Dinas Uji Coba', 'dinas uji coba') returning agency_id),
                     d as (insert into dim_document (file_name, source_path, sha256, format, agency_id)
                           select 'uji.txt', 'seeds/uji.txt', 'home-test-hash', 'txt', agency_id from a returning document_id, agency_id)
                insert into agreement (document_id, seq, agency_id, kind, year, line)
                select document_id, s, agency_id, 'original', 2024, s from d, generate_series(1, 3) s
                """);
        }

        await using var factory = new DashboardFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(PkRoles.Pimpinan);
        var html = await client.GetStringAsync("/");

        Assert.Contains("Perangkat Daerah", html);
        Assert.Contains("Dinas Uji Coba", html);
        Assert.Matches(@"Dinas Uji Coba.*?>\s*3\s*<", html.ReplaceLineEndings(" "));
    }
}

public sealed class SchemaGuardTests(EmptyTestDatabase database) : IClassFixture<EmptyTestDatabase>
{
    [Fact]
    public async Task Start_AgainstOlderSchema_RefusesWithWhatToRun()
    {
        await using var factory = new DashboardFactory(database.ConnectionString);
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var message = error is AggregateException aggregate ? aggregate.Flatten().InnerException!.Message : error.Message;
        Assert.Contains("./pk etl migrate", message);
    }
}
