using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class InboxEntryConfiguration : IEntityTypeConfiguration<InboxEntry>
{
    public void Configure(EntityTypeBuilder<InboxEntry> builder)
    {
        builder.ToTable("etl_inbox", t => t.HasCheckConstraint("etl_inbox_status_check",
            Checks.OneOf("status", "pending", "processing", "loaded", "duplicate", "failed")));
        builder.HasKey(i => i.InboxId);
        builder.Property(i => i.InboxId).UseIdentityAlwaysColumn();
        builder.Property(i => i.UploadedAt).HasDefaultValueSql("now()");
        builder.Property(i => i.Status).HasDefaultValue("pending");
        builder.Property(i => i.Result).HasColumnType("jsonb");
        builder.HasOne<SourceDocument>().WithMany().HasForeignKey(i => i.DocumentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(i => i.InboxId).HasFilter("status = 'pending'").HasDatabaseName("etl_inbox_pending");
        builder.HasIndex(i => i.ClaimedAt).HasFilter("status = 'processing'").HasDatabaseName("etl_inbox_processing");
    }
}
