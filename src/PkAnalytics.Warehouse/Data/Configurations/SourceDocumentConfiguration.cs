using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

internal sealed class SourceDocumentConfiguration : IEntityTypeConfiguration<SourceDocument>
{
    public void Configure(EntityTypeBuilder<SourceDocument> builder)
    {
        builder.ToTable("dim_document");
        builder.HasKey(d => d.DocumentId);
        builder.Property(d => d.DocumentId).UseIdentityAlwaysColumn();
        builder.HasAlternateKey(d => d.Sha256);
        builder.Property(d => d.SizeBytes).HasDefaultValue(0L);
        builder.Property(d => d.LineCount).HasDefaultValue(0);
        builder.Property(d => d.LoadedAt).HasDefaultValueSql("now()");
        builder.Property(d => d.AgreementCount).HasDefaultValue(0);
        builder.Property(d => d.ParserFindingCount).HasDefaultValue(0);
        builder.HasOne<Agency>().WithMany().HasForeignKey(d => d.AgencyId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(d => d.AgencyId).HasDatabaseName("dim_document_agency");
    }
}
