using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class SettingsAuditConfiguration : IEntityTypeConfiguration<SettingsAudit>
{
    public void Configure(EntityTypeBuilder<SettingsAudit> builder)
    {
        builder.ToTable("settings_audit", t => t.HasCheckConstraint("settings_audit_entity_check", Checks.OneOf("entity", "indicator", "capaian_band")));
        builder.HasKey(a => a.AuditId);
        builder.Property(a => a.AuditId).UseIdentityAlwaysColumn();
        builder.Property(a => a.ChangedAt).HasDefaultValueSql("now()");
        builder.HasIndex(a => new { a.Entity, a.EntityKey, a.ChangedAt })
            .IsDescending(false, false, true).HasDatabaseName("settings_audit_entity");
    }
}
