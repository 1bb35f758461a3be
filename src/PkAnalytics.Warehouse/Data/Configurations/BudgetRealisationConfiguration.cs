using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class BudgetRealisationConfiguration : IEntityTypeConfiguration<BudgetRealisation>
{
    public void Configure(EntityTypeBuilder<BudgetRealisation> builder)
    {
        builder.ToTable("fact_budget_realisation", t => t.HasCheckConstraint("fact_budget_realisation_month_check", "month between 1 and 12"));
        builder.HasKey(r => new { r.AgencyId, r.ProgramId, r.Year, r.Month });
        builder.Property(r => r.Amount).HasPrecision(18, 2);
        builder.Property(r => r.IsSample).HasDefaultValue(false);
        builder.Property(r => r.EnteredAt).HasDefaultValueSql("now()");
        builder.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Entities.Program>().WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(r => new { r.Year, r.AgencyId }).HasDatabaseName("fact_budget_realisation_year");
        builder.HasIndex(r => new { r.AgencyId, r.Year }).HasDatabaseName("fact_budget_realisation_agency_year");
    }
}
