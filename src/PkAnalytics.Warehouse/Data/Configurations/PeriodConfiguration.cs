using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class PeriodConfiguration : IEntityTypeConfiguration<Period>
{
    public void Configure(EntityTypeBuilder<Period> builder)
    {
        builder.ToTable("dim_period", t =>
        {
            t.HasCheckConstraint("dim_period_quarter_check", "quarter between 1 and 4");
            t.HasCheckConstraint("dim_period_month_check", "month between 1 and 12");
        });
        builder.HasKey(p => p.PeriodId);

        // yyyy0000 for a year, yyyyq000 for a quarter, yyyyqmm0 for a month: the key says what it is.
        builder.Property(p => p.PeriodId).ValueGeneratedNever();
        builder.HasIndex(p => new { p.Year, p.Quarter, p.Month }).IsUnique().AreNullsDistinct(false);
    }
}
