using PkAnalytics.Dashboard.Infrastructure;

namespace PkAnalytics.Dashboard.Components.Pages.Realisasi;

public static class RealisasiSetup
{
    /// <summary>Import templates as file downloads (CSV or XLSX), pre-filled for the agency.</summary>
    public static IEndpointRouteBuilder MapRealisasiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/realisasi/templat/indikator", async (int agency, int year, int quarter, string? format,
            PkAnalytics.Warehouse.Realisation.IndicatorRealisationStore store, HttpContext context, CancellationToken ct) =>
        {
            if (quarter is < 1 or > 4)
            {
                return Results.BadRequest("triwulan harus 1-4");
            }

            if (!context.Viewer().Sees(agency))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var xlsx = format != "csv";
            var bytes = await store.TemplateAsync(context.Viewer(), agency, year, quarter, xlsx, ct);
            return File(bytes, xlsx, $"templat-realisasi-indikator-{agency}-{year}-tw{quarter}");
        });
        app.MapGet("/realisasi/templat/anggaran", async (int agency, int year, int month, string? format,
            PkAnalytics.Warehouse.Realisation.BudgetRealisationStore store, HttpContext context, CancellationToken ct) =>
        {
            if (month is < 1 or > 12)
            {
                return Results.BadRequest("bulan harus 1-12");
            }

            if (!context.Viewer().Sees(agency))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var xlsx = format != "csv";
            var bytes = await store.TemplateAsync(context.Viewer(), agency, year, month, xlsx, ct);
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
