using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class ReportRecipientConfiguration : IEntityTypeConfiguration<ReportRecipient>
{
    public void Configure(EntityTypeBuilder<ReportRecipient> builder)
    {
        builder.ToTable("report_recipient", t =>
        {
            t.HasCheckConstraint("report_recipient_role_check",
                Checks.OneOf("role", Accounts.PkRoles.All.ToArray()));
            // An Operator reads exactly one agency; the other roles read every agency.
            t.HasCheckConstraint("report_recipient_agency_check", "(role = 'Operator') = (agency_id is not null)");
        });
        builder.HasKey(r => r.RecipientId);
        builder.Property(r => r.RecipientId).UseIdentityAlwaysColumn();
        builder.Property(r => r.CreatedAt).HasDefaultValueSql("now()");
        builder.HasAlternateKey(r => new { r.SubscriptionId, r.Email });
        builder.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.UserId).HasFilter("user_id is not null");
    }
}
