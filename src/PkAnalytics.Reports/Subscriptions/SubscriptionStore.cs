using Microsoft.EntityFrameworkCore;
using MimeKit;
using Npgsql;
using PkAnalytics.Reports.Scheduling;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.Data;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Reports.Subscriptions;

/// <summary>A recipient as edited on the page.</summary>
public sealed record RecipientInput(string Email, string Role, int? AgencyId, string? DisplayName = null, string? UserId = null);

/// <summary>A subscription as edited on the page.</summary>
public sealed record SubscriptionInput(
    string Kind,
    int? AgencyId,
    string Name,
    string Cron,
    string TimeZone,
    bool Active,
    IReadOnlyList<RecipientInput> Recipients);

/// <summary>Subscriptions and their recipients, written through EF Core (what people write through the application).</summary>
public sealed class SubscriptionStore(NpgsqlDataSource dataSource)
{
    public static SubscriptionInput Default => new(ReportSubscription.KindKabupaten, null, "Laporan Kabupaten bulanan",
        ReportSubscription.DefaultCron, ReportSubscription.DefaultTimeZone, true, []);

    public async Task<IReadOnlyList<ReportSubscription>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = WarehouseDbContext.Create(dataSource);
        return await db.Set<ReportSubscription>().AsNoTracking().Include(s => s.Recipients)
            .OrderBy(s => s.Name).ThenBy(s => s.SubscriptionId).ToListAsync(cancellationToken);
    }

    public async Task<ReportSubscription?> GetAsync(int subscriptionId, CancellationToken cancellationToken = default)
    {
        await using var db = WarehouseDbContext.Create(dataSource);
        return await db.Set<ReportSubscription>().AsNoTracking().Include(s => s.Recipients)
            .SingleOrDefaultAsync(s => s.SubscriptionId == subscriptionId, cancellationToken);
    }

    /// <summary>Every problem with the input, in Bahasa Indonesia; empty when it can be saved.</summary>
    public static IReadOnlyList<string> Validate(SubscriptionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<string>();
        if (input.Kind is not (ReportSubscription.KindKabupaten or ReportSubscription.KindOpd))
        {
            errors.Add("Jenis laporan harus Laporan Kabupaten atau Laporan OPD.");
        }

        if (input.Kind == ReportSubscription.KindOpd && input.AgencyId is null)
        {
            errors.Add("Laporan OPD perlu perangkat daerah.");
        }

        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Add("Nama langganan wajib diisi.");
        }

        if (CronSchedule.Validate(input.Cron, input.TimeZone) is { } cron)
        {
            errors.Add(cron);
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in input.Recipients)
        {
            var email = (r.Email ?? "").Trim();
            if (!MailboxAddress.TryParse(email, out var address) || !address.Address.Contains('@') || address.Address != email)
            {
                errors.Add($"Alamat e-mail '{email}' tidak sah.");
            }

            if (!seen.Add(email))
            {
                errors.Add($"Alamat {email} tercantum dua kali.");
            }

            if (!PkRoles.All.Contains(r.Role))
            {
                errors.Add($"Peran '{r.Role}' untuk {email} tidak dikenal.");
            }
            else if (r.Role == PkRoles.Operator && r.AgencyId is null)
            {
                errors.Add($"Operator {email} perlu perangkat daerah.");
            }
        }

        return errors;
    }

    /// <summary>Creates (id null) or replaces a subscription and its recipients; returns its id.</summary>
    public async Task<int> SaveAsync(int? subscriptionId, SubscriptionInput input, string? by = null, CancellationToken cancellationToken = default)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }

        await using var db = WarehouseDbContext.Create(dataSource);
        ReportSubscription subscription;
        if (subscriptionId is { } id)
        {
            subscription = await db.Set<ReportSubscription>().Include(s => s.Recipients).SingleOrDefaultAsync(s => s.SubscriptionId == id, cancellationToken)
                ?? throw new ArgumentException($"Langganan {id} tidak ada.");
            subscription.UpdatedAt = DateTime.UtcNow;
        }
        else
        {
            subscription = new ReportSubscription { CreatedBy = by, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Add(subscription);
        }

        subscription.Kind = input.Kind;
        subscription.AgencyId = input.Kind == ReportSubscription.KindOpd ? input.AgencyId : null;
        subscription.Name = input.Name.Trim();
        subscription.Cron = input.Cron.Trim();
        subscription.TimeZone = input.TimeZone.Trim();
        subscription.Active = input.Active;

        // Recipients keep their row (and so their delivery history) when their address stays.
        var wanted = input.Recipients.ToDictionary(r => r.Email.Trim(), StringComparer.OrdinalIgnoreCase);
        foreach (var gone in subscription.Recipients.Where(r => !wanted.ContainsKey(r.Email)).ToList())
        {
            subscription.Recipients.Remove(gone);
        }

        foreach (var (email, r) in wanted)
        {
            var row = subscription.Recipients.FirstOrDefault(x => string.Equals(x.Email, email, StringComparison.OrdinalIgnoreCase));
            if (row is null)
            {
                row = new ReportRecipient { Email = email, CreatedAt = DateTime.UtcNow };
                subscription.Recipients.Add(row);
            }

            row.Role = r.Role;
            row.AgencyId = r.Role == PkRoles.Operator ? r.AgencyId : null;
            row.DisplayName = string.IsNullOrWhiteSpace(r.DisplayName) ? null : r.DisplayName.Trim();
            row.UserId = r.UserId;
        }

        await db.SaveChangesAsync(cancellationToken);
        return subscription.SubscriptionId;
    }

    public async Task DeleteAsync(int subscriptionId, CancellationToken cancellationToken = default)
    {
        await using var db = WarehouseDbContext.Create(dataSource);
        await db.Set<ReportSubscription>().Where(s => s.SubscriptionId == subscriptionId).ExecuteDeleteAsync(cancellationToken);
    }
}
