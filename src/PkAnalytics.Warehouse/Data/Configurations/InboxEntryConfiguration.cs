using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;
using PkAnalytics.Warehouse.Inbox;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class InboxEntryConfiguration : IEntityTypeConfiguration<InboxEntry>
{
    public void Configure(EntityTypeBuilder<InboxEntry> builder)
    {
        builder.ToTable("etl_inbox", t => t.HasCheckConstraint("etl_inbox_status_check",
            Checks.OneOf("status", InboxStatuses.All)));
        builder.HasKey(i => i.InboxId);
        builder.Property(i => i.InboxId).UseIdentityAlwaysColumn();
        builder.Property(i => i.UploadedAt).HasDefaultValueSql("now()");
        builder.Property(i => i.Status).HasDefaultValue("pending");
        builder.Property(i => i.Result).HasColumnType("jsonb");
        builder.Property(i => i.Preview).HasColumnType("jsonb");
        builder.HasOne<SourceDocument>().WithMany().HasForeignKey(i => i.DocumentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(i => i.InboxId).HasFilter("status in ('pending', 'preview_pending')").HasDatabaseName("etl_inbox_pending");
        builder.HasIndex(i => i.ClaimedAt).HasFilter("status in ('processing', 'previewing')").HasDatabaseName("etl_inbox_processing");
    }
}
