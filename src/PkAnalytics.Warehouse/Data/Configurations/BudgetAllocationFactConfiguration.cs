using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class BudgetAllocationFactConfiguration : IEntityTypeConfiguration<BudgetAllocationFact>
{
    public void Configure(EntityTypeBuilder<BudgetAllocationFact> builder)
    {
        builder.ToTable("fact_budget_allocation", t => t.HasCheckConstraint("fact_budget_allocation_level_check", Checks.OneOf("level", Checks.BudgetLevels)));
        builder.HasKey(f => new { f.AgreementId, f.Seq });
        builder.Property(f => f.Amount).HasPrecision(18, 2);
        builder.HasOne<AgreementRow>().WithMany().HasForeignKey(f => f.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Entities.Program>().WithMany().HasForeignKey(f => f.ProgramId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<SourceDocument>().WithMany().HasForeignKey(f => f.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.ProgramId).HasDatabaseName("fact_budget_allocation_program");
        builder.HasIndex(f => f.DocumentId).HasDatabaseName("fact_budget_allocation_document");
    }
}
