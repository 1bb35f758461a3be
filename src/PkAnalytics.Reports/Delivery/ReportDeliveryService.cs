using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PkAnalytics.Reports.Model;
using PkAnalytics.Reports.Rendering;
using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Data;
using PkAnalytics.Warehouse.Data.Entities;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Reports.Delivery;

/// <summary>What one run of a subscription did, per recipient outcome.</summary>
public sealed record DeliveryRunResult(int Sent, int Failed, int Refused, int Skipped)
{
    public override string ToString() => $"{Sent} terkirim, {Failed} gagal, {Refused} ditolak, {Skipped} sudah dikirim / sedang dikirim proses lain";
}

/// <summary>
/// Sends a subscription's report for one period to each recipient, exactly once per (subscription, period,
/// recipient): each send is claimed by a row first (<see cref="DeliveryClaims"/>). Each recipient's report is read
/// with that recipient's scope; a recipient who may not see the report is refused and the log says why. Reports are
/// rendered once per distinct scope in a run.
/// </summary>
public sealed class ReportDeliveryService(
    NpgsqlDataSource dataSource,
    ReportGenerator generator,
    MailComposer composer,
    SmtpSender sender,
    DeliveryClaims claims,
    Subscriptions.RecipientAccounts accounts,
    ReportOptions options,
    ILogger<ReportDeliveryService>? logger = null)
{
    private readonly ILogger log = logger ?? (ILogger)NullLogger.Instance;

    public async Task<DeliveryRunResult> RunAsync(int subscriptionId, ReportPeriod period, string trigger = "schedule", CancellationToken cancellationToken = default)
    {
        ReportSubscription? subscription;
        await using (var db = WarehouseDbContext.Create(dataSource))
        {
            subscription = await db.Set<ReportSubscription>().AsNoTracking().Include(s => s.Recipients)
                .SingleOrDefaultAsync(s => s.SubscriptionId == subscriptionId, cancellationToken);
        }

        if (subscription is null)
        {
            log.LogWarning("Report subscription {Id} no longer exists; nothing sent.", subscriptionId);
            return new DeliveryRunResult(0, 0, 0, 0);
        }

        if (!subscription.Active && trigger != "manual")
        {
            log.LogInformation("Report subscription {Id} is inactive; nothing sent.", subscriptionId);
            return new DeliveryRunResult(0, 0, 0, 0);
        }

        var request = new ReportRequest(ReportKinds.Parse(subscription.Kind), subscription.AgencyId, period);
        // One render per agency scope: recipients differ in name (the actor), not in what they may read.
        var renders = new Dictionary<int, Task<RenderedReport>>();
        int sent = 0, failed = 0, refused = 0, skipped = 0;
        foreach (var saved in subscription.Recipients.OrderBy(r => r.RecipientId))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (recipient, accountProblem) = await EffectiveAsync(saved, cancellationToken);
            var claim = await claims.TryClaimAsync(subscriptionId, period.ToString(), recipient, trigger, cancellationToken);
            if (claim is null)
            {
                skipped++;
                continue;
            }

            if (accountProblem is not null)
            {
                await claims.FinishAsync(claim.DeliveryId, ReportDelivery.StatusRefused, accountProblem, cancellationToken: cancellationToken);
                refused++;
                continue;
            }

            RenderedReport report;
            try
            {
                var scope = ReportAccess.ScopeOf(recipient.Role, recipient.AgencyId, recipient.Email);
                if (!renders.TryGetValue(scope.AgencyId ?? -1, out var render))
                {
                    render = renders[scope.AgencyId ?? -1] = generator.RenderAsync(request, scope, cancellationToken);
                }

                report = await render;
            }
            catch (ReportNotVisibleException e)
            {
                await claims.FinishAsync(claim.DeliveryId, ReportDelivery.StatusRefused, e.Message, cancellationToken: cancellationToken);
                refused++;
                continue;
            }
            catch (ReportIncompleteException e)
            {
                await claims.FinishAsync(claim.DeliveryId, ReportDelivery.StatusFailed, "Laporan tidak dikirim: " + e.Message, cancellationToken: cancellationToken);
                failed++;
                continue;
            }
            catch (Exception)
            {
                // Nothing was sent: give the claim back so the job's retry can take it at once.
                await claims.ReleaseAsync(claim.DeliveryId, CancellationToken.None);
                throw;
            }

            var key = $"laporan-{subscriptionId}-{period}-{recipient.RecipientId}";
            var composed = composer.Compose(report, new MailAddressee(recipient.Email, recipient.DisplayName, subscription.Name), key);
            SendResult result;
            try
            {
                result = await sender.SendAsync(composed.Message,
                    attempt => claims.MarkSendingAsync(claim.DeliveryId, attempt, cancellationToken), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped (shutdown) before the whole message went out (after it, SendAsync answers instead of
                // throwing): the server cannot have it, so the claim goes back for the next run.
                try
                {
                    await claims.ReleaseUnsentAsync(claim.DeliveryId, CancellationToken.None);
                }
                catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
                {
                    // The claim then waits for its lease, as after a crash; the stop itself goes on.
                    log.LogWarning("Delivery {Id}: could not hand the claim back, the database is unreachable ({Error}).", claim.DeliveryId, e.Message);
                }

                log.LogWarning("Report to {Email} ({Subscription}, {Period}) interrupted before it was sent; handed back.", recipient.Email, subscriptionId, period);
                throw;
            }

            var detail = result.Sent
                ? (composed.Attached ? "" : $"PDF {report.Pdf.Length / 1024} KB melebihi batas lampiran; dikirim tautan {composed.Link}. ") + "Jawaban server: " + result.Detail
                : result.Detail;
            if (claim.TakenOver)
            {
                detail = "Dikirim ulang setelah proses sebelumnya berhenti di tengah pengiriman. " + detail;
            }

            var finished = await FinishAfterSendAsync(claim.DeliveryId, () => claims.FinishAsync(claim.DeliveryId,
                result.Sent ? ReportDelivery.StatusSent : ReportDelivery.StatusFailed, detail,
                result.Sent ? (composed.Attached ? "attachment" : "link") : null, report.Pdf.Length, composed.Message.MessageId,
                result.Attempts, CancellationToken.None));
            if (!finished)
            {
                log.LogWarning("Delivery {Id}: the claim was taken over by another process while this one was sending.", claim.DeliveryId);
            }

            if (result.Sent)
            {
                sent++;
            }
            else
            {
                failed++;
                log.LogWarning("Report to {Email} ({Subscription}, {Period}) failed: {Detail}", recipient.Email, subscriptionId, period, result.Detail);
            }
        }

        log.LogInformation("Report subscription {Id}, period {Period}: {Result}", subscriptionId, period, new DeliveryRunResult(sent, failed, refused, skipped));
        return new DeliveryRunResult(sent, failed, refused, skipped);
    }

    /// <summary>
    /// Records what the SMTP server answered. The mail is out (or finally refused), so this must not be lost: while
    /// the database is unreachable it is retried, with backoff, for up to half the claim's lease - long enough for a
    /// restart or a failover, and short enough that no other process takes the claim over and sends the report again.
    /// </summary>
    private async Task<bool> FinishAfterSendAsync(long deliveryId, Func<Task<bool>> finish)
    {
        var started = DateTime.UtcNow;
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await finish();
            }
            catch (Exception e) when (DatabaseFailures.IsUnavailable(e) && DateTime.UtcNow - started + delay < options.ClaimLease / 2)
            {
                log.LogWarning("Delivery {Id}: the outcome could not be written, the database is unreachable ({Error}); attempt {Attempt}, trying again in {Delay}.",
                    deliveryId, e.Message, attempt, delay);
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
            }
        }
    }

    /// <summary>
    /// The recipient as it stands now: one linked to an account takes the account's address, role and agency (what
    /// the account may see today); a disabled or deleted account receives nothing, and the reason is logged.
    /// </summary>
    private async Task<(ReportRecipient Recipient, string? Problem)> EffectiveAsync(ReportRecipient saved, CancellationToken cancellationToken)
    {
        if (saved.UserId is not { Length: > 0 } userId)
        {
            return (saved, null);
        }

        var account = await accounts.FindAsync(userId, cancellationToken);
        if (account is null)
        {
            return (saved, $"Akun penerima ({saved.Email}) sudah tidak ada.");
        }

        var current = new ReportRecipient
        {
            RecipientId = saved.RecipientId,
            SubscriptionId = saved.SubscriptionId,
            Email = account.Email,
            DisplayName = account.FullName,
            Role = account.Role ?? "",
            AgencyId = account.AgencyId,
            UserId = userId,
        };
        if (account.IsDisabled)
        {
            return (current, $"Akun {account.Email} dinonaktifkan.");
        }

        return account.Role is null ? (current, $"Akun {account.Email} tidak punya peran.") : (current, null);
    }
}
