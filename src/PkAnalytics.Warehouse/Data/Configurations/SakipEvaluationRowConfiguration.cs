using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class SakipEvaluationRowConfiguration : IEntityTypeConfiguration<SakipEvaluationRow>
{
    public void Configure(EntityTypeBuilder<SakipEvaluationRow> builder)
    {
        // Component maxima per PermenPANRB 88/2021.
        builder.ToTable("fact_sakip_evaluation", t =>
        {
            t.HasCheckConstraint("fact_sakip_evaluation_perencanaan_check", "perencanaan between 0 and 30");
            t.HasCheckConstraint("fact_sakip_evaluation_pengukuran_check", "pengukuran between 0 and 30");
            t.HasCheckConstraint("fact_sakip_evaluation_pelaporan_check", "pelaporan between 0 and 15");
            t.HasCheckConstraint("fact_sakip_evaluation_evaluasi_check", "evaluasi between 0 and 25");
        });
        builder.HasKey(s => new { s.AgencyId, s.Year });
        builder.Property(s => s.Perencanaan).HasPrecision(5, 2);
        builder.Property(s => s.Pengukuran).HasPrecision(5, 2);
        builder.Property(s => s.Pelaporan).HasPrecision(5, 2);
        builder.Property(s => s.Evaluasi).HasPrecision(5, 2);
        builder.Property(s => s.Total).HasPrecision(6, 2)
            .HasComputedColumnSql("perencanaan + pengukuran + pelaporan + evaluasi", stored: true);
        builder.Property(s => s.IsSample).HasDefaultValue(false);
        builder.Property(s => s.EnteredAt).HasDefaultValueSql("now()");
        builder.HasOne<Agency>().WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.NoAction);
    }
}
