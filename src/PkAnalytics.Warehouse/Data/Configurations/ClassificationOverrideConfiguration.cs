using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class ClassificationOverrideConfiguration : IEntityTypeConfiguration<ClassificationOverride>
{
    public void Configure(EntityTypeBuilder<ClassificationOverride> builder)
    {
        const string table = "indicator_classification_override";
        builder.ToTable(table, t =>
        {
            t.HasCheckConstraint($"{table}_category_check", Checks.OneOf("category", Checks.Categories));
            t.HasCheckConstraint($"{table}_polarity_check", Checks.OneOf("polarity", Checks.Polarities));
            t.HasCheckConstraint($"{table}_aggregation_check", Checks.OneOf("aggregation", Checks.Aggregations));
        });
        builder.HasKey(o => o.OverrideId);
        builder.Property(o => o.OverrideId).UseIdentityAlwaysColumn();
        builder.Property(o => o.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne<Agency>().WithMany().HasForeignKey(o => o.AgencyId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(o => new { o.AgencyId, o.NormalizedName }).IsUnique().AreNullsDistinct(false);
    }
}
