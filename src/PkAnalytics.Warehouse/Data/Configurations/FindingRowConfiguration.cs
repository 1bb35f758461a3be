using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class FindingRowConfiguration : IEntityTypeConfiguration<FindingRow>
{
    public void Configure(EntityTypeBuilder<FindingRow> builder)
    {
        builder.ToTable("finding", t => t.HasCheckConstraint("finding_severity_check", Checks.OneOf("severity", "info", "warning", "error")));
        builder.HasKey(f => f.FindingId);
        builder.Property(f => f.FindingId).UseIdentityAlwaysColumn();
        builder.HasOne<SourceDocument>().WithMany().HasForeignKey(f => f.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AgreementRow>().WithMany().HasForeignKey(f => f.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.DocumentId).HasDatabaseName("finding_document");
        builder.HasIndex(f => f.AgreementId).HasDatabaseName("finding_agreement");
    }
}
