using Dapper;
using Npgsql;

namespace PkAnalytics.Reports.Subscriptions;

/// <summary>An account as a report recipient: its address, role and agency now.</summary>
public sealed class RecipientAccount
{
    public string Id { get; init; } = "";
    public string Email { get; init; } = "";
    public string FullName { get; init; } = "";
    public string? Role { get; init; }
    public int? AgencyId { get; init; }
    public string? Agency { get; init; }
    public bool IsDisabled { get; init; }
}

/// <summary>
/// The accounts a subscription can name as recipients (read with SQL from the Identity tables). A recipient linked
/// to an account reads with the account's role and agency at the time of the send, not those it was saved with.
/// </summary>
public sealed class RecipientAccounts(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        select u.id as Id, coalesce(u.email, '') as Email, u.full_name as FullName, r.name as Role, u.agency_id as AgencyId,
               a.name as Agency, u.is_disabled as IsDisabled
        from app_user u
        left join lateral (select ro.name from app_user_role ur join app_role ro on ro.id = ur.role_id
                           where ur.user_id = u.id order by ro.name limit 1) r on true
        left join dim_agency a on a.agency_id = u.agency_id
        where (@Id::text is null or u.id = @Id)
        order by u.email
        """;

    public async Task<IReadOnlyList<RecipientAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<RecipientAccount>(new CommandDefinition(Sql, new { Id = (string?)null }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<RecipientAccount?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RecipientAccount>(new CommandDefinition(Sql, new { Id = id }, cancellationToken: cancellationToken));
    }
}
