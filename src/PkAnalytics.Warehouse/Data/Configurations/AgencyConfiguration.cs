using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.ToTable("dim_agency");
        builder.HasKey(a => a.AgencyId);
        builder.Property(a => a.AgencyId).UseIdentityAlwaysColumn();
        builder.HasAlternateKey(a => a.NormalizedName);
        builder.Property(a => a.CreatedAt).HasDefaultValueSql("now()");
    }
}
