using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class IkmSurveyConfiguration : IEntityTypeConfiguration<IkmSurvey>
{
    public void Configure(EntityTypeBuilder<IkmSurvey> builder)
    {
        builder.ToTable("fact_ikm_survey", t =>
        {
            t.HasCheckConstraint("fact_ikm_survey_quarter_check", "quarter between 1 and 4");
            t.HasCheckConstraint("fact_ikm_survey_nrr_check", "nrr is null or cardinality(nrr) = 9");
            t.HasCheckConstraint("fact_ikm_survey_ikm_value_check", "ikm_value between 25 and 100");
        });
        builder.HasKey(s => s.IkmSurveyId);
        builder.Property(s => s.IkmSurveyId).UseIdentityAlwaysColumn();
        builder.Property(s => s.UnitName).HasDefaultValue("");
        builder.Property(s => s.Nrr).HasColumnType("numeric(8,4)[]");
        builder.Property(s => s.IkmValue).HasPrecision(6, 2);
        builder.Property(s => s.IsSample).HasDefaultValue(false);
        builder.Property(s => s.EnteredAt).HasDefaultValueSql("now()");
        builder.HasOne<Agency>().WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.NoAction);
        builder.HasMany(s => s.Responses).WithOne().HasForeignKey(r => r.IkmSurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.AgencyId, s.UnitName, s.Year, s.Quarter }).IsUnique().AreNullsDistinct(false);
        builder.HasIndex(s => new { s.Year, s.AgencyId }).HasDatabaseName("fact_ikm_survey_year");
    }
}
