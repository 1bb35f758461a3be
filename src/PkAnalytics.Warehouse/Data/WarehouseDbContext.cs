using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Npgsql;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data;

/// <summary>
/// The one EF Core model of the warehouse: it owns the schema (its migrations are the schema's history) and the
/// tables people write through the application. Analytic reads stay in SQL (Dapper) and the document load in
/// binary COPY, on the same NpgsqlDataSource.
/// </summary>
public sealed class WarehouseDbContext(DbContextOptions<WarehouseDbContext> options) : DbContext(options)
{
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Official> Officials => Set<Official>();
    public DbSet<Position> Positions => Set<Position>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<Entities.Program> Programs => Set<Entities.Program>();
    public DbSet<Period> Periods => Set<Period>();
    public DbSet<SourceDocument> Documents => Set<SourceDocument>();
    public DbSet<AgreementRow> Agreements => Set<AgreementRow>();
    public DbSet<IndicatorTargetFact> IndicatorTargets => Set<IndicatorTargetFact>();
    public DbSet<BudgetAllocationFact> BudgetAllocations => Set<BudgetAllocationFact>();
    public DbSet<ExplanationTargetRow> ExplanationTargets => Set<ExplanationTargetRow>();
    public DbSet<FindingRow> Findings => Set<FindingRow>();
    public DbSet<IndicatorRealisation> IndicatorRealisations => Set<IndicatorRealisation>();
    public DbSet<BudgetRealisation> BudgetRealisations => Set<BudgetRealisation>();
    public DbSet<SakipEvaluationRow> SakipEvaluations => Set<SakipEvaluationRow>();
    public DbSet<IkmSurvey> IkmSurveys => Set<IkmSurvey>();
    public DbSet<IkmResponse> IkmResponses => Set<IkmResponse>();
    public DbSet<CapaianBandRow> CapaianBands => Set<CapaianBandRow>();
    public DbSet<SettingsAudit> SettingsAudits => Set<SettingsAudit>();
    public DbSet<ClassificationOverride> ClassificationOverrides => Set<ClassificationOverride>();
    public DbSet<InboxEntry> Inbox => Set<InboxEntry>();
    public DbSet<QuarantineEntry> Quarantine => Set<QuarantineEntry>();

    /// <summary>Options for a context on the process's one data source (EF and Dapper share its pool).</summary>
    public static DbContextOptions<WarehouseDbContext> CreateOptions(NpgsqlDataSource dataSource) =>
        new DbContextOptionsBuilder<WarehouseDbContext>()
            .UseNpgsql(dataSource)
            .Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WarehouseDbContext).Assembly);
        PostgresNaming.Apply(modelBuilder.Model);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Indexes are declared where the queries need them, as the schema had them before EF; a foreign key alone
        // does not add one.
        configurationBuilder.Conventions.Remove<ForeignKeyIndexConvention>();
    }
}
