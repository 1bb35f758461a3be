using PkAnalytics.Dashboard.Infrastructure;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Exports;

/// <summary>
/// Downloads of the comparison tables: /ekspor/perbandingan/{table}.{csv|xlsx}?tahun=...&amp;opd=1,2&amp;urut=...
/// (the page's own query string), built by the same code that renders the page.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapDashboardExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ekspor/perbandingan/{table}.{format}", async (
            string table, string format, int? tahun, string? opd, string? urut,
            HttpContext context, PerformanceReadModel performance, CapaianBandSource bands, WitaClock clock,
            CancellationToken cancellationToken) =>
        {
            if (format is not ("csv" or "xlsx"))
            {
                return Results.NotFound($"Format '{format}' tidak dikenal: gunakan csv atau xlsx.");
            }

            var viewer = context.Viewer();
            var year = tahun ?? YearWithData.Default(await performance.YearsAsync(viewer, cancellationToken), clock.Now.Year);
            var snapshot = await performance.ReadAsync(viewer, year, QueryLists.ParseIds(opd), cancellationToken);
            var model = RegencyPerformance.From(snapshot, await bands.ForYearAsync(year, cancellationToken));
            var chosen = ComparisonTables.Build(model, urut).FirstOrDefault(t => t.Key == table);
            if (chosen is null)
            {
                return Results.NotFound($"Tabel '{table}' tidak ada.");
            }

            var fileName = $"perbandingan-{chosen.Key}-{year}.{format}";
            return format == "csv"
                ? Results.File(TableWriters.Csv(chosen), "text/csv; charset=utf-8", fileName)
                : Results.File(TableWriters.Xlsx(chosen), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName);
        });
        return app;
    }
}
