using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Npgsql;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data;

/// <summary>
/// The one EF Core model of the warehouse: it owns the schema (its migrations are the schema's history) and the
/// tables people write through the application. Analytic reads stay in SQL (Dapper) and the document load in
/// binary COPY, on the same NpgsqlDataSource. Accounts (ASP.NET Core Identity) and the data-protection keys that
/// sign their cookies live here too: one schema, one history.
/// </summary>
public sealed class WarehouseDbContext(DbContextOptions<WarehouseDbContext> options)
    : IdentityDbContext<PkUser, IdentityRole, string>(options), IDataProtectionKeyContext
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
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<RolePolicy> RolePolicies => Set<RolePolicy>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Who the changes saved through this context are recorded for (the audit log); "system" when unset.</summary>
    public AuditContext? Audit { get; set; }

    /// <summary>Saves with the audit rows of the changes; returns the rows of data written (audit rows not counted).</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var audited = AuditTrail.Record(ChangeTracker, Audit);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken) - audited;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var audited = AuditTrail.Record(ChangeTracker, Audit);
        return base.SaveChanges(acceptAllChangesOnSuccess) - audited;
    }

    /// <summary>A context whose saves are recorded as done by the viewer (for the agency, when it concerns one).</summary>
    public static WarehouseDbContext Create(NpgsqlDataSource dataSource, ReadModels.ViewerScope viewer, int? agencyId = null) =>
        new(CreateOptions(dataSource)) { Audit = new AuditContext(viewer.Actor, agencyId ?? viewer.AgencyId) };

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<NpgsqlDataSource, DbContextOptions<WarehouseDbContext>> OptionsByDataSource = [];

    /// <summary>Options for a context on the process's one data source (EF and Dapper share its pool).</summary>
    public static DbContextOptions<WarehouseDbContext> CreateOptions(NpgsqlDataSource dataSource) =>
        OptionsByDataSource.GetValue(dataSource, source => new DbContextOptionsBuilder<WarehouseDbContext>()
            .UseNpgsql(source)
            .Options);

    /// <summary>A short-lived context on the data source: one per operation, like a connection.</summary>
    public static WarehouseDbContext Create(NpgsqlDataSource dataSource) => new(CreateOptions(dataSource));

    /// <summary>
    /// Runs a unit of work again when it lost a race to insert the same key (two people saving the same quarter at
    /// once): the second attempt sees the first one's row and updates it instead.
    /// </summary>
    public static async Task<T> RetryOnConflictAsync<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return await work();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
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
