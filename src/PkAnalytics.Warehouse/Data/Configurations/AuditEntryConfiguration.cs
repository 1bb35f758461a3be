using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(a => a.AuditEntryId);
        builder.Property(a => a.AuditEntryId).UseIdentityAlwaysColumn();
        builder.Property(a => a.At).HasDefaultValueSql("now()");
        builder.HasIndex(a => a.At).IsDescending().HasDatabaseName("audit_log_at");
        builder.HasIndex(a => new { a.Actor, a.At }).IsDescending(false, true).HasDatabaseName("audit_log_actor");
        builder.HasIndex(a => new { a.AgencyId, a.At }).IsDescending(false, true).HasDatabaseName("audit_log_agency");
        builder.HasIndex(a => new { a.Kind, a.At }).IsDescending(false, true).HasDatabaseName("audit_log_kind");
    }
}
