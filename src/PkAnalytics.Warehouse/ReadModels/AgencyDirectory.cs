using Dapper;
using Npgsql;

namespace PkAnalytics.Warehouse.ReadModels;

public sealed record AgencySummary(int AgencyId, string Name, int Documents, int Agreements);

public sealed class AgencyDirectory(NpgsqlDataSource dataSource)
{
    private const string ListSql = """
        select a.agency_id as AgencyId, a.name as Name,
               (select count(*)::int from dim_document d where d.agency_id = a.agency_id) as Documents,
               (select count(*)::int from agreement g where g.agency_id = a.agency_id) as Agreements
        from dim_agency a
        where @ScopeAgencyId::int is null or a.agency_id = @ScopeAgencyId
        order by a.name
        """;

    public async Task<IReadOnlyList<AgencySummary>> ListAsync(ViewerScope scope, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AgencySummary>(new CommandDefinition(
            ListSql, new { ScopeAgencyId = scope.AgencyId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
