using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class ReportDeliveryConfiguration : IEntityTypeConfiguration<ReportDelivery>
{
    public void Configure(EntityTypeBuilder<ReportDelivery> builder)
    {
        builder.ToTable("report_delivery", t =>
        {
            t.HasCheckConstraint("report_delivery_status_check", Checks.OneOf("status",
                ReportDelivery.StatusClaimed, ReportDelivery.StatusSending, ReportDelivery.StatusSent,
                ReportDelivery.StatusFailed, ReportDelivery.StatusRefused));
            t.HasCheckConstraint("report_delivery_trigger_check", Checks.OneOf("trigger", "schedule", "manual", "catch-up"));
            t.HasCheckConstraint("report_delivery_period_check", "period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'");
            t.HasCheckConstraint("report_delivery_delivered_as_check", "delivered_as is null or delivered_as in ('attachment', 'link')");
        });
        builder.HasKey(d => d.DeliveryId);
        builder.Property(d => d.DeliveryId).UseIdentityAlwaysColumn();
        builder.Property(d => d.Period).HasMaxLength(7);
        builder.Property(d => d.ClaimedAt).HasDefaultValueSql("now()");
        // The claim: one report per subscription, period and recipient, whichever process gets there first.
        builder.HasIndex(d => new { d.SubscriptionId, d.Period, d.RecipientId }).IsUnique();
        builder.HasIndex(d => d.ClaimedAt);
        builder.HasOne<ReportSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ReportRecipient>().WithMany().HasForeignKey(d => d.RecipientId).OnDelete(DeleteBehavior.SetNull);
    }
}
