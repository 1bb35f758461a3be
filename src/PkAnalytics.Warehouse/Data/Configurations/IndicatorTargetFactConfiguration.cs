using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class IndicatorTargetFactConfiguration : IEntityTypeConfiguration<IndicatorTargetFact>
{
    public void Configure(EntityTypeBuilder<IndicatorTargetFact> builder)
    {
        builder.ToTable("fact_indicator_target");
        builder.HasKey(f => new { f.AgreementId, f.Seq });
        builder.Property(f => f.TargetValue).HasPrecision(20, 4);
        builder.HasOne<AgreementRow>().WithMany().HasForeignKey(f => f.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Indicator>().WithMany().HasForeignKey(f => f.IndicatorId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<SourceDocument>().WithMany().HasForeignKey(f => f.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.IndicatorId).HasDatabaseName("fact_indicator_target_indicator");
        builder.HasIndex(f => f.DocumentId).HasDatabaseName("fact_indicator_target_document");
    }
}
