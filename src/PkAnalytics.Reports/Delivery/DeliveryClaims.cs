using Dapper;
using Npgsql;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Reports.Delivery;

/// <summary>A recipient's report of a subscription and period, claimed by this process.</summary>
public sealed record DeliveryClaim(long DeliveryId, bool TakenOver);

/// <summary>
/// The exactly-once rule in PostgreSQL: a send is claimed by inserting the (subscription, period, recipient) row
/// (unique); whoever inserts it sends, everyone else skips. A claim whose process died (its lease ran out while
/// claimed or sending) is taken over by the next run; a finished row (sent, failed, refused) is never sent again.
/// SQL, like the inbox claim: the claim is one statement whose outcome decides who sends.
/// </summary>
public sealed class DeliveryClaims(NpgsqlDataSource dataSource, ReportOptions options)
{
    /// <summary>This process, as written to claimed_by.</summary>
    public string Instance { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    private const string InsertSql = """
        insert into report_delivery (subscription_id, period, recipient_id, email, role, scope_agency_id, status, trigger,
                                     attempts, claimed_by, claimed_at, lease_until)
        values (@SubscriptionId, @Period, @RecipientId, @Email, @Role, @ScopeAgencyId, 'claimed', @Trigger,
                0, @Instance, now(), now() + @Lease)
        on conflict (subscription_id, period, recipient_id) do nothing
        returning delivery_id
        """;

    private const string TakeOverSql = """
        update report_delivery
        set status = 'claimed', claimed_by = @Instance, claimed_at = now(), lease_until = now() + @Lease, trigger = @Trigger,
            detail = 'Diambil alih dari ' || coalesce(claimed_by, '?') || ' (proses itu berhenti sebelum selesai, status ' || status || ').'
        where subscription_id = @SubscriptionId and period = @Period and recipient_id = @RecipientId
          and status in ('claimed', 'sending') and lease_until < now()
        returning delivery_id
        """;

    public async Task<DeliveryClaim?> TryClaimAsync(int subscriptionId, string period, ReportRecipient recipient, string trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var parameters = new
        {
            SubscriptionId = subscriptionId,
            Period = period,
            recipient.RecipientId,
            recipient.Email,
            recipient.Role,
            ScopeAgencyId = recipient.AgencyId,
            Trigger = trigger,
            Instance,
            Lease = options.ClaimLease,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(InsertSql, parameters, cancellationToken: cancellationToken));
        if (inserted is { } id)
        {
            return new DeliveryClaim(id, false);
        }

        var taken = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(TakeOverSql, parameters, cancellationToken: cancellationToken));
        return taken is { } t ? new DeliveryClaim(t, true) : null;
    }

    /// <summary>Marks the row as being sent (attempt number, lease renewed); false when the claim is no longer ours.</summary>
    public async Task<bool> MarkSendingAsync(long deliveryId, int attempt, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            update report_delivery set status = 'sending', attempts = @Attempt, lease_until = now() + @Lease
            where delivery_id = @DeliveryId and claimed_by = @Instance and status in ('claimed', 'sending')
            """, new { DeliveryId = deliveryId, Attempt = attempt, Lease = options.ClaimLease, Instance }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> FinishAsync(long deliveryId, string status, string? detail, string? deliveredAs = null, int? pdfBytes = null,
        string? messageId = null, int? attempts = null, CancellationToken cancellationToken = default)
    {
        // The outcome and its line in the audit log commit together.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            with finished as (
                update report_delivery
                set status = @Status, detail = @Detail, delivered_as = @DeliveredAs, pdf_bytes = @PdfBytes, message_id = @MessageId,
                    attempts = coalesce(@Attempts, attempts), finished_at = now()
                where delivery_id = @DeliveryId and claimed_by = @Instance and status in ('claimed', 'sending')
                returning delivery_id, subscription_id, period, email, status, detail
            ), audited as (
                insert into audit_log (at, actor, kind, subject, new_value)
                select now(), 'system', 'report_sent',
                       'Laporan langganan ' || f.subscription_id || ' periode ' || f.period || ' ke ' || f.email,
                       f.status || coalesce(': ' || left(f.detail, 500), '')
                from finished f
            )
            select count(*)::int from finished
            """, new { DeliveryId = deliveryId, Status = status, Detail = detail, DeliveredAs = deliveredAs, PdfBytes = pdfBytes, MessageId = messageId, Attempts = attempts, Instance },
            cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Gives a claim back before anything was sent (rendering failed), so a retry can claim it at once.</summary>
    public async Task ReleaseAsync(long deliveryId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from report_delivery where delivery_id = @DeliveryId and claimed_by = @Instance and status = 'claimed' and attempts = 0",
            new { DeliveryId = deliveryId, Instance }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Gives back a claim whose send was interrupted (shutdown) before the whole message went out: the server cannot
    /// have accepted it, so the next run may send it at once instead of waiting for the lease.
    /// </summary>
    public async Task ReleaseUnsentAsync(long deliveryId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from report_delivery where delivery_id = @DeliveryId and claimed_by = @Instance and status in ('claimed', 'sending')",
            new { DeliveryId = deliveryId, Instance }, cancellationToken: cancellationToken));
    }
}
