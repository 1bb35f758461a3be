using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class CapaianBandRowConfiguration : IEntityTypeConfiguration<CapaianBandRow>
{
    public void Configure(EntityTypeBuilder<CapaianBandRow> builder)
    {
        // One set per effective date; the set in force on a date is the latest on or before it. Half-open bands.
        builder.ToTable("capaian_band");
        builder.HasKey(b => new { b.EffectiveFrom, b.Name });
        builder.Property(b => b.MinInclusive).HasPrecision(8, 2);
        builder.HasIndex(b => new { b.EffectiveFrom, b.MinInclusive }).IsUnique().AreNullsDistinct(false);
    }
}
