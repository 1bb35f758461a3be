using Dapper;
using Npgsql;

namespace PkAnalytics.Warehouse.ReadModels;

/// <summary>Filters of the audit page; dates are days in Asia/Makassar, both ends included.</summary>
public sealed record AuditFilter(string? Actor = null, int? AgencyId = null, string? Kind = null, DateOnly? From = null, DateOnly? To = null);

public sealed class AuditLogRow
{
    public long AuditEntryId { get; init; }
    public DateTime At { get; init; }
    public string Actor { get; init; } = "";
    public string Kind { get; init; } = "";
    public int? AgencyId { get; init; }
    public string? AgencyName { get; init; }
    public string Subject { get; init; } = "";
    public string? OldValue { get; init; }
    public string? NewValue { get; init; }
    public string? Address { get; init; }
}

/// <summary>The audit log, newest first, for those who may read it (Admin).</summary>
public sealed class AuditLogReadModel(NpgsqlDataSource dataSource)
{
    private const string ListSql = """
        select l.audit_entry_id as AuditEntryId, l.at as At, l.actor as Actor, l.kind as Kind, l.agency_id as AgencyId,
               g.name as AgencyName, l.subject as Subject, l.old_value as OldValue, l.new_value as NewValue, l.address as Address
        from audit_log l
        left join dim_agency g on g.agency_id = l.agency_id
        where (@Actor::text is null or l.actor ilike '%' || @Actor || '%')
          and (@AgencyId::int is null or l.agency_id = @AgencyId)
          and (@Kind::text is null or l.kind = @Kind)
          and (@From::date is null or l.at >= @From::date::timestamp at time zone 'Asia/Makassar')
          and (@To::date is null or l.at < (@To::date + 1)::timestamp at time zone 'Asia/Makassar')
        order by l.at desc, l.audit_entry_id desc
        limit @Limit
        """;

    public async Task<IReadOnlyList<AuditLogRow>> ListAsync(ViewerScope scope, AuditFilter filter, int limit = 200, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(filter);
        if (!scope.Can(ViewerRights.ViewAudit))
        {
            throw new UnauthorizedAccessException("Akun Anda tidak berwenang membaca jejak audit.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<AuditLogRow>(new CommandDefinition(ListSql, new
        {
            Actor = string.IsNullOrWhiteSpace(filter.Actor) ? null : filter.Actor.Trim(),
            filter.AgencyId,
            Kind = string.IsNullOrWhiteSpace(filter.Kind) ? null : filter.Kind,
            // Dapper has no DateOnly parameters: midnight of the day, cast back to date in SQL.
            From = filter.From?.ToDateTime(TimeOnly.MinValue),
            To = filter.To?.ToDateTime(TimeOnly.MinValue),
            Limit = limit,
        }, cancellationToken: cancellationToken))).AsList();
    }
}
