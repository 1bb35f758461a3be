using System.Globalization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PkAnalytics.Dashboard.Components.Account;
using PkAnalytics.Dashboard.Components.Pages.Laporan;
using PkAnalytics.Dashboard.Components.Pages.Realisasi;
using PkAnalytics.Dashboard.Exports;
using PkAnalytics.Dashboard.Infrastructure;
using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Data;
using Radzen;

namespace PkAnalytics.Dashboard;

public static class DashboardSetup
{
    public static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        CultureInfo.DefaultThreadCurrentCulture = Indonesian;
        CultureInfo.DefaultThreadCurrentUICulture = Indonesian;

        // Serves Radzen's and the framework's static assets from the build output too, not only from a publish.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.Configure<DashboardOptions>(builder.Configuration.GetSection(DashboardOptions.SectionName));
        builder.Services.AddWarehouse(builder.Configuration.GetConnectionString("Warehouse"));
        builder.Services.AddSingleton<WitaClock>();
        builder.Services.AddScoped<ViewerScopeAccessor>();
        builder.Services.AddAccounts();
        builder.Services.AddSingleton<CapaianBandSource>();
        builder.Services.AddHostedService<ReadModelRefreshService>();
        builder.AddLaporan();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddRadzenComponents();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseSecurityHeaders();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(Indonesian),
            SupportedCultures = [Indonesian],
            SupportedUICultures = [Indonesian],
        });
        app.UseDatabaseUnavailableAnswer();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapDashboardExports();
        app.MapRealisasiEndpoints();
        app.UseLaporan();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Refuses to start against an older schema: pages would fail one by one with confusing SQL errors otherwise.
    /// An unreachable database is not fatal here (/health reports it and pages say so).
    /// </summary>
    public static async Task EnsureSchemaIsCurrentAsync(this WebApplication app)
    {
        SchemaStatus status;
        try
        {
            status = await app.Services.GetRequiredService<SchemaMigrator>().GetStatusAsync();
        }
        catch (Npgsql.NpgsqlException e)
        {
            app.Logger.LogWarning("Database not reachable at start-up ({Message}); /health reports 503 until it is.", e.Message);
            return;
        }

        if (!status.IsCurrent)
        {
            throw new InvalidOperationException(
                $"The database schema is at {status.Current}; this dashboard needs {status.Pending.Count} more migration(s) " +
                $"({string.Join(", ", status.Pending)}). Run `./pk etl migrate` (or `pk-etl migrate` with PK_DB set) first.");
        }
    }
}
