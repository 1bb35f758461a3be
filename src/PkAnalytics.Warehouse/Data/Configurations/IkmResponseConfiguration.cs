using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class IkmResponseConfiguration : IEntityTypeConfiguration<IkmResponse>
{
    public void Configure(EntityTypeBuilder<IkmResponse> builder)
    {
        builder.ToTable("ikm_response", t => t.HasCheckConstraint("ikm_response_answers_check",
            "cardinality(answers) = 9 and 1 <= all (answers) and 4 >= all (answers)"));
        builder.HasKey(r => new { r.IkmSurveyId, r.RespondentNo });
        builder.Property(r => r.Answers).HasColumnType("smallint[]");
    }
}
