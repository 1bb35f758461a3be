using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PkAnalytics.Warehouse.Data;

namespace PkAnalytics.Warehouse;

public static class WarehouseServiceCollectionExtensions
{
    /// <summary>
    /// One NpgsqlDataSource for the process (it owns the pool; a connection per operation), shared by EF Core
    /// (what people write), Dapper (read models) and binary COPY (document loads).
    /// </summary>
    public static IServiceCollection AddWarehouse(this IServiceCollection services, string? configuredConnectionString)
    {
        var connectionString = WarehouseOptions.ResolveConnectionString(configuredConnectionString);
        services.AddSingleton(_ => CreateDataSource(connectionString));
        services.AddDbContextFactory<WarehouseDbContext>((provider, options) =>
            options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<ReadModels.AgencyDirectory>();
        services.AddSingleton<ReadModels.PerformanceReadModel>();
        services.AddSingleton<ReadModels.AgencyDetailReadModel>();
        services.AddSingleton<ReadModels.FindingsReadModel>();
        services.AddSingleton<ReadModels.DocumentInbox>();
        services.AddSingleton<ReadModels.AuditLogReadModel>();
        services.AddSingleton<ReadModels.DashboardReadModelRefresher>();
        services.AddSingleton<Loading.DocumentLoader>();
        services.AddSingleton<Loading.IndicatorClassifier>();
        services.AddSingleton<Inbox.InboxQueue>();
        services.AddSingleton<Stats.WarehouseStats>();
        services.AddSingleton<Realisation.IndicatorRealisationStore>();
        services.AddSingleton<Realisation.BudgetRealisationStore>();
        services.AddSingleton<Realisation.SakipStore>();
        services.AddSingleton<Realisation.IkmStore>();
        services.AddSingleton<Realisation.IndicatorSettingsStore>();
        services.AddSingleton<Realisation.SampleDataProbe>();
        services.AddSingleton<Realisation.RealisationStatusReadModel>();
        return services;
    }

    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "PkAnalytics";
        return builder.Build();
    }
}
