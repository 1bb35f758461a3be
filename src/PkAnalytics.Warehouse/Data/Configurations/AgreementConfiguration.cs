using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class AgreementConfiguration : IEntityTypeConfiguration<AgreementRow>
{
    public void Configure(EntityTypeBuilder<AgreementRow> builder)
    {
        builder.ToTable("agreement", t => t.HasCheckConstraint("agreement_kind_check", Checks.OneOf("kind", "original", "amendment")));
        builder.HasKey(a => a.AgreementId);
        builder.Property(a => a.AgreementId).UseIdentityAlwaysColumn();
        builder.HasAlternateKey(a => new { a.DocumentId, a.Seq });
        builder.HasOne<SourceDocument>().WithMany().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agency>().WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Position>().WithMany().HasForeignKey(a => a.PositionId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Official>().WithMany().HasForeignKey(a => a.OfficialId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Position>().WithMany().HasForeignKey(a => a.SuperiorPositionId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Official>().WithMany().HasForeignKey(a => a.SuperiorOfficialId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(a => new { a.PositionId, a.Year }).HasDatabaseName("agreement_position_year");
        builder.HasIndex(a => new { a.AgencyId, a.Year }).HasDatabaseName("agreement_agency_year");
        builder.HasIndex(a => a.DocumentId).HasDatabaseName("agreement_document");
    }
}
