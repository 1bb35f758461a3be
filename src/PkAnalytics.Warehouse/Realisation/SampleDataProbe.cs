using Dapper;
using Npgsql;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Warehouse.Realisation;

/// <summary>
/// Whether sample data (written by `pk etl demo-data`, is_sample = true) is in view for a scope and year, so pages
/// and reports can show the "Data contoh" badge.
/// </summary>
public sealed class SampleDataProbe(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        select exists (select 1 from fact_indicator_realisation r join dim_indicator i on i.indicator_id = r.indicator_id
                       where r.is_sample and (@ScopeAgencyId::int is null or i.agency_id = @ScopeAgencyId)
                         and (@Year::int is null or r.year = @Year))
            or exists (select 1 from fact_budget_realisation b where b.is_sample
                         and (@ScopeAgencyId::int is null or b.agency_id = @ScopeAgencyId) and (@Year::int is null or b.year = @Year))
            or exists (select 1 from fact_sakip_evaluation s where s.is_sample
                         and (@ScopeAgencyId::int is null or s.agency_id = @ScopeAgencyId) and (@Year::int is null or s.year = @Year))
            or exists (select 1 from fact_ikm_survey k where k.is_sample
                         and (@ScopeAgencyId::int is null or k.agency_id = @ScopeAgencyId) and (@Year::int is null or k.year = @Year))
        """;

    public async Task<bool> HasSampleAsync(ViewerScope scope, int? year = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(Sql,
            new { ScopeAgencyId = scope.AgencyId, Year = year }, cancellationToken: cancellationToken));
    }
}
