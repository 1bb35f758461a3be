using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class ExplanationTargetRowConfiguration : IEntityTypeConfiguration<ExplanationTargetRow>
{
    public void Configure(EntityTypeBuilder<ExplanationTargetRow> builder)
    {
        builder.ToTable("explanation_target");
        builder.HasKey(e => new { e.AgreementId, e.Seq });
        builder.Property(e => e.TargetValue).HasPrecision(20, 4);
        builder.HasOne<AgreementRow>().WithMany().HasForeignKey(e => e.AgreementId).OnDelete(DeleteBehavior.Cascade);
    }
}
