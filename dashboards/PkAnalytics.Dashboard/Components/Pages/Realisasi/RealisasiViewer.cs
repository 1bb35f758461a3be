using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Components.Pages.Realisasi;

/// <summary>
/// Who is looking at the realisation pages: their data scope. Accounts and roles come in their own issue; until
/// then every viewer sees all agencies, and pages ask for the operator's name to record in entered_by / the audit.
/// The accounts issue replaces this one registration.
/// </summary>
public sealed class RealisasiViewer
{
    public ViewerScope Scope { get; init; } = ViewerScope.AllAgencies;
}

public static class RealisasiSetup
{
    public static IServiceCollection AddRealisasi(this IServiceCollection services) =>
        services.AddScoped<RealisasiViewer>();

    /// <summary>Import templates as file downloads (CSV or XLSX), pre-filled for the agency.</summary>
    public static IEndpointRouteBuilder MapRealisasiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/realisasi/templat/indikator", async (int agency, int year, int quarter, string? format,
            PkAnalytics.Warehouse.Realisation.IndicatorRealisationStore store, RealisasiViewer viewer, CancellationToken ct) =>
        {
            if (quarter is < 1 or > 4)
            {
                return Results.BadRequest("triwulan harus 1-4");
            }

            var xlsx = format != "csv";
            var bytes = await store.TemplateAsync(viewer.Scope, agency, year, quarter, xlsx, ct);
            return File(bytes, xlsx, $"templat-realisasi-indikator-{agency}-{year}-tw{quarter}");
        });
        app.MapGet("/realisasi/templat/anggaran", async (int agency, int year, int month, string? format,
            PkAnalytics.Warehouse.Realisation.BudgetRealisationStore store, RealisasiViewer viewer, CancellationToken ct) =>
        {
            if (month is < 1 or > 12)
            {
                return Results.BadRequest("bulan harus 1-12");
            }

            var xlsx = format != "csv";
            var bytes = await store.TemplateAsync(viewer.Scope, agency, year, month, xlsx, ct);
            return File(bytes, xlsx, $"templat-realisasi-anggaran-{agency}-{year}-{month:D2}");
        });
        app.MapGet("/realisasi/templat/ikm", (string? format) =>
        {
            var xlsx = format != "csv";
            return File(PkAnalytics.Warehouse.Realisation.IkmStore.Template(xlsx), xlsx, "templat-responden-ikm");
        });
        return app;
    }

    private static IResult File(byte[] bytes, bool xlsx, string name) => Results.File(bytes,
        xlsx ? PkAnalytics.Warehouse.Realisation.TabularFile.XlsxContentType : "text/csv; charset=utf-8",
        name + (xlsx ? ".xlsx" : ".csv"));
}
