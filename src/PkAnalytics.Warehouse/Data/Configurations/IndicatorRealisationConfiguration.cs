using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class IndicatorRealisationConfiguration : IEntityTypeConfiguration<IndicatorRealisation>
{
    public void Configure(EntityTypeBuilder<IndicatorRealisation> builder)
    {
        builder.ToTable("fact_indicator_realisation", t => t.HasCheckConstraint("fact_indicator_realisation_quarter_check", "quarter between 1 and 4"));
        builder.HasKey(r => new { r.IndicatorId, r.Year, r.Quarter });
        builder.Property(r => r.Value).HasPrecision(20, 4);
        builder.Property(r => r.IsSample).HasDefaultValue(false);
        builder.Property(r => r.EnteredAt).HasDefaultValueSql("now()");
        builder.HasOne<Indicator>().WithMany().HasForeignKey(r => r.IndicatorId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(r => new { r.Year, r.IndicatorId }).HasDatabaseName("fact_indicator_realisation_year");
        builder.HasIndex(r => r.Year).HasFilter("is_sample").HasDatabaseName("fact_indicator_realisation_sample");
    }
}
