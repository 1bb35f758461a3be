using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class ProgramConfiguration : IEntityTypeConfiguration<Entities.Program>
{
    public void Configure(EntityTypeBuilder<Entities.Program> builder)
    {
        builder.ToTable("dim_program", t => t.HasCheckConstraint("dim_program_level_check", Checks.OneOf("level", Checks.BudgetLevels)));
        builder.HasKey(p => p.ProgramId);
        builder.Property(p => p.ProgramId).UseIdentityAlwaysColumn();
        builder.HasOne<Entities.Program>().WithMany().HasForeignKey(p => p.ParentProgramId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(p => new { p.Level, p.NormalizedName, p.ParentProgramId }).IsUnique().AreNullsDistinct(false);
    }
}
