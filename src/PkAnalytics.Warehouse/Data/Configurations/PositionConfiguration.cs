using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class PositionConfiguration : IEntityTypeConfiguration<Position>
{
    public void Configure(EntityTypeBuilder<Position> builder)
    {
        builder.ToTable("dim_position", t => t.HasCheckConstraint("dim_position_level_check", Checks.OneOf("level", Checks.PositionLevels)));
        builder.HasKey(p => p.PositionId);
        builder.Property(p => p.PositionId).UseIdentityAlwaysColumn();
        builder.Property(p => p.Level).HasDefaultValue("unknown");
        builder.HasOne<Agency>().WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Position>().WithMany().HasForeignKey(p => p.SuperiorPositionId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(p => new { p.AgencyId, p.NormalizedTitle }).IsUnique().AreNullsDistinct(false);
        builder.HasIndex(p => p.SuperiorPositionId).HasDatabaseName("dim_position_superior");
    }
}
