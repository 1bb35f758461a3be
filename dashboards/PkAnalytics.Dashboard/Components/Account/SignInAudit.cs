using PkAnalytics.Warehouse.Data;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Dashboard.Components.Account;

/// <summary>Logins, failed logins and logouts in the audit log, with the client's address (never a password).</summary>
internal sealed class SignInAudit(Npgsql.NpgsqlDataSource dataSource)
{
    public async Task RecordAsync(string kind, string actor, HttpContext context, string subject, string? detail = null)
    {
        await using var db = WarehouseDbContext.Create(dataSource);
        db.AuditLog.Add(new AuditEntry
        {
            At = DateTime.UtcNow,
            Kind = kind,
            Actor = Truncate(actor, 256),
            Subject = subject,
            NewValue = detail,
            Address = context.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync();
    }

    // What is typed into a login form is not trusted: kept short.
    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
