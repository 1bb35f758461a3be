using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class ReportSubscriptionConfiguration : IEntityTypeConfiguration<ReportSubscription>
{
    public void Configure(EntityTypeBuilder<ReportSubscription> builder)
    {
        builder.ToTable("report_subscription", t =>
        {
            t.HasCheckConstraint("report_subscription_kind_check",
                Checks.OneOf("kind", ReportSubscription.KindKabupaten, ReportSubscription.KindOpd));
            // A Laporan OPD names its agency; a Laporan Kabupaten names none.
            t.HasCheckConstraint("report_subscription_agency_check",
                "(kind = 'opd') = (agency_id is not null)");
        });
        builder.HasKey(s => s.SubscriptionId);
        builder.Property(s => s.SubscriptionId).UseIdentityAlwaysColumn();
        builder.Property(s => s.Cron).HasDefaultValue(ReportSubscription.DefaultCron);
        builder.Property(s => s.TimeZone).HasDefaultValue(ReportSubscription.DefaultTimeZone);
        builder.Property(s => s.Active).HasDefaultValue(true);
        builder.Property(s => s.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(s => s.UpdatedAt).HasDefaultValueSql("now()");
        builder.HasOne<Agency>().WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Recipients).WithOne().HasForeignKey(r => r.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}
