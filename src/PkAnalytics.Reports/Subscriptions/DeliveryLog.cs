using Dapper;
using Npgsql;

namespace PkAnalytics.Reports.Subscriptions;

/// <summary>One line of the delivery log: one report to one recipient.</summary>
public sealed class DeliveryLogRow
{
    public long DeliveryId { get; init; }
    public int SubscriptionId { get; init; }
    public string Subscription { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Period { get; init; } = "";
    public string Email { get; init; } = "";
    public string Role { get; init; } = "";
    public string? ScopeAgency { get; init; }
    public string Status { get; init; } = "";
    public string Trigger { get; init; } = "";
    public int Attempts { get; init; }
    public DateTime ClaimedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
    public string? DeliveredAs { get; init; }
    public int? PdfBytes { get; init; }
    public string? Detail { get; init; }
    public string? ClaimedBy { get; init; }

    public static string StatusLabel(string status) => status switch
    {
        "sent" => "Terkirim",
        "failed" => "Gagal",
        "refused" => "Tidak dikirim (di luar hak akses)",
        "sending" => "Sedang dikirim",
        "claimed" => "Disiapkan",
        _ => status,
    };
}

/// <summary>The per-recipient delivery log (newest first), read with SQL.</summary>
public sealed class DeliveryLog(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<DeliveryLogRow>> ListAsync(int? subscriptionId = null, string? period = null, string? status = null,
        int limit = 500, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeliveryLogRow>(new CommandDefinition("""
            select d.delivery_id as DeliveryId, d.subscription_id as SubscriptionId, s.name as Subscription, s.kind as Kind,
                   d.period as Period, d.email as Email, d.role as Role, a.name as ScopeAgency, d.status as Status,
                   d.trigger as Trigger, d.attempts as Attempts, d.claimed_at as ClaimedAt, d.finished_at as FinishedAt,
                   d.delivered_as as DeliveredAs, d.pdf_bytes as PdfBytes, d.detail as Detail, d.claimed_by as ClaimedBy
            from report_delivery d
            join report_subscription s on s.subscription_id = d.subscription_id
            left join dim_agency a on a.agency_id = d.scope_agency_id
            where (@SubscriptionId::int is null or d.subscription_id = @SubscriptionId)
              and (@Period::text is null or d.period = @Period)
              and (@Status::text is null or d.status = @Status)
            order by d.claimed_at desc, d.delivery_id desc
            limit @Limit
            """, new { SubscriptionId = subscriptionId, Period = period, Status = status, Limit = limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
