using PkAnalytics.Reports;
using PkAnalytics.Reports.Scheduling;
using PkAnalytics.Warehouse;

namespace PkAnalytics.Dashboard.Components.Pages.Laporan;

/// <summary>Reports in the dashboard: rendering and delivery services, Hangfire (server and /hangfire), PDF endpoints.</summary>
public static class LaporanSetup
{
    public static WebApplicationBuilder AddLaporan(this WebApplicationBuilder builder)
    {
        builder.Services.AddReports(builder.Configuration);
        var connectionString = WarehouseOptions.ResolveConnectionString(builder.Configuration.GetConnectionString("Warehouse"));
        // Reports:Scheduling=false runs a dashboard that serves pages but sends nothing (the jobs run elsewhere).
        builder.Services.AddReportScheduling(connectionString, runServer: builder.Configuration.GetValue("Reports:Scheduling", true));
        return builder;
    }

    public static WebApplication UseLaporan(this WebApplication app)
    {
        app.UseReportHangfireDashboard();
        app.MapLaporanEndpoints();
        return app;
    }
}
