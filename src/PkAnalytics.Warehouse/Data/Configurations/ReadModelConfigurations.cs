using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

// The read model's tables: plain rows without foreign keys (rebuilt wholesale by the refresher).

internal sealed class RmIndicatorYearConfiguration : IEntityTypeConfiguration<RmIndicatorYear>
{
    public void Configure(EntityTypeBuilder<RmIndicatorYear> builder)
    {
        builder.ToTable("rm_indicator_year");
        builder.HasKey(r => new { r.Year, r.IndicatorId });
        builder.Property(r => r.TargetValue).HasPrecision(20, 4);
        builder.Property(r => r.Realisation).HasPrecision(20, 4);
        builder.Property(r => r.Capaian).HasPrecision(20, 4);
        builder.Property(r => r.IsSample).HasDefaultValue(false);
        builder.HasIndex(r => new { r.Year, r.AgencyId }).HasDatabaseName("rm_indicator_year_agency");
    }
}

internal sealed class RmAgencyProgramYearConfiguration : IEntityTypeConfiguration<RmAgencyProgramYear>
{
    public void Configure(EntityTypeBuilder<RmAgencyProgramYear> builder)
    {
        builder.ToTable("rm_agency_program_year");
        builder.HasKey(r => new { r.Year, r.AgencyId, r.ProgramId });
        builder.Property(r => r.Amount).HasPrecision(18, 2);
        builder.Property(r => r.Realised).HasPrecision(18, 2).HasDefaultValueSql("0");
        builder.Property(r => r.IsSample).HasDefaultValue(false);
    }
}

internal sealed class RmAgencyYearConfiguration : IEntityTypeConfiguration<RmAgencyYear>
{
    public void Configure(EntityTypeBuilder<RmAgencyYear> builder)
    {
        builder.ToTable("rm_agency_year");
        builder.HasKey(r => new { r.Year, r.AgencyId });
        builder.Property(r => r.SakipTarget).HasPrecision(20, 4);
        builder.Property(r => r.IkmTarget).HasPrecision(20, 4);
        builder.Property(r => r.Indicators).HasDefaultValue(0);
        builder.Property(r => r.WithCapaian).HasDefaultValue(0);
        builder.Property(r => r.CapaianSum).HasColumnType("numeric");
        builder.Property(r => r.IndicatorIsSample).HasDefaultValue(false);
        builder.Property(r => r.Budget).HasPrecision(18, 2).HasDefaultValueSql("0");
        builder.Property(r => r.BudgetRealised).HasPrecision(18, 2).HasDefaultValueSql("0");
        builder.Property(r => r.BudgetIsSample).HasDefaultValue(false);
    }
}

internal sealed class RmAgencyBandConfiguration : IEntityTypeConfiguration<RmAgencyBand>
{
    public void Configure(EntityTypeBuilder<RmAgencyBand> builder)
    {
        builder.ToTable("rm_agency_band");
        builder.HasKey(r => new { r.Year, r.AgencyId, r.Band });
    }
}

internal sealed class RmStateConfiguration : IEntityTypeConfiguration<RmState>
{
    public void Configure(EntityTypeBuilder<RmState> builder)
    {
        builder.ToTable("rm_state");
        builder.HasKey(r => r.Name);
    }
}

internal sealed class RmChangeConfiguration : IEntityTypeConfiguration<RmChange>
{
    public void Configure(EntityTypeBuilder<RmChange> builder)
    {
        builder.ToTable("rm_change");
        builder.HasKey(r => r.ChangeId);
        builder.Property(r => r.ChangeId).UseIdentityAlwaysColumn();
        builder.Property(r => r.ChangedAt).HasDefaultValueSql("now()");
    }
}
