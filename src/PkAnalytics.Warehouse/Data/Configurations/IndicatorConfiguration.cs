using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.ToTable("dim_indicator", t =>
        {
            t.HasCheckConstraint("dim_indicator_polarity_check", Checks.OneOf("polarity", Checks.Polarities));
            t.HasCheckConstraint("dim_indicator_aggregation_check", Checks.OneOf("aggregation", Checks.Aggregations));
            t.HasCheckConstraint("dim_indicator_category_check", Checks.OneOf("category", Checks.Categories));
            t.HasCheckConstraint("dim_indicator_classification_source_check", Checks.OneOf("classification_source", "rule", "override", "manual"));
        });
        builder.HasKey(i => i.IndicatorId);
        builder.Property(i => i.IndicatorId).UseIdentityAlwaysColumn();
        builder.Property(i => i.Polarity).HasDefaultValue("higher_is_better");
        builder.Property(i => i.Aggregation).HasDefaultValue("nilai_akhir");
        builder.Property(i => i.Category).HasDefaultValue("other");
        builder.Property(i => i.ClassificationSource).HasDefaultValue("rule");
        builder.HasOne<Agency>().WithMany().HasForeignKey(i => i.AgencyId).OnDelete(DeleteBehavior.NoAction);
        builder.HasAlternateKey(i => new { i.AgencyId, i.NormalizedName });
    }
}
