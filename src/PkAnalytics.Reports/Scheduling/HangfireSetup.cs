using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PkAnalytics.Warehouse.Accounts;

namespace PkAnalytics.Reports.Scheduling;

/// <summary>/hangfire is for Admin only (works once accounts exist; until then nobody is Admin, so nobody gets in).</summary>
public sealed class HangfireAdminFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().User is { Identity.IsAuthenticated: true } user && user.IsInRole(PkRoles.Admin);
}

public static class HangfireSetup
{
    /// <summary>Hangfire's own schema in the warehouse database (created by Hangfire.PostgreSql itself).</summary>
    public const string Schema = "hangfire";

    /// <summary>
    /// Hangfire with PostgreSQL storage in schema <see cref="Schema"/> of the same database, a server with two
    /// workers, the report jobs, and the start-up synchronisation (recurring jobs + missed runs).
    /// </summary>
    public static IServiceCollection AddReportScheduling(this IServiceCollection services, string connectionString, bool runServer = true)
    {
        services.AddHangfire(configuration => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
            {
                SchemaName = Schema,
                // Installed by ReportSchedulingStartup (the same installer PrepareSchemaIfNecessary runs), so a
                // dashboard starting while the database is down still starts, and installs it once it is up.
                PrepareSchemaIfNecessary = false,
                QueuePollInterval = TimeSpan.FromSeconds(2),
            }));
        services.AddSingleton<ReportJobs>();
        services.AddSingleton<ReportScheduler>();
        // Before the Hangfire server: its workers find the schema installed.
        services.AddHostedService(provider => new ReportSchedulingStartup(
            provider.GetRequiredService<ReportScheduler>(), connectionString,
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ReportSchedulingStartup>>()));
        if (runServer)
        {
            services.AddHangfireServer(options =>
            {
                options.WorkerCount = 2;
                options.SchedulePollingInterval = TimeSpan.FromSeconds(15);
                options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
                options.ShutdownTimeout = TimeSpan.FromSeconds(5);
            });
        }

        return services;
    }

    /// <summary>Creates or upgrades Hangfire's schema (Hangfire.PostgreSql's own installer, idempotent, locked).</summary>
    public static async Task InstallSchemaAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        PostgreSqlObjectsInstaller.Install(connection, Schema);
    }

    public static IApplicationBuilder UseReportHangfireDashboard(this IApplicationBuilder app) =>
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new HangfireAdminFilter()],
            AppPath = "/",
            DashboardTitle = "PkAnalytics - jadwal laporan",
            DisplayStorageConnectionString = false,
        });
}
