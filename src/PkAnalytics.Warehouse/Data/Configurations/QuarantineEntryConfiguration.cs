using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class QuarantineEntryConfiguration : IEntityTypeConfiguration<QuarantineEntry>
{
    public void Configure(EntityTypeBuilder<QuarantineEntry> builder)
    {
        builder.ToTable("etl_quarantine");
        builder.HasKey(q => q.QuarantineId);
        builder.Property(q => q.QuarantineId).UseIdentityAlwaysColumn();
        builder.Property(q => q.FailedAt).HasDefaultValueSql("now()");
        builder.HasIndex(q => q.Sha256).HasDatabaseName("etl_quarantine_sha256");
    }
}
