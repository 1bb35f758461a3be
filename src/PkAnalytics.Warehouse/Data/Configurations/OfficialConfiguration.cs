using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class OfficialConfiguration : IEntityTypeConfiguration<Official>
{
    public void Configure(EntityTypeBuilder<Official> builder)
    {
        builder.ToTable("dim_official");
        builder.HasKey(o => o.OfficialId);
        builder.Property(o => o.OfficialId).UseIdentityAlwaysColumn();
        builder.HasAlternateKey(o => o.NormalizedName);
    }
}
