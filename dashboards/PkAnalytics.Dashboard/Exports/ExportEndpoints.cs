using PkAnalytics.Dashboard.Infrastructure;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Exports;

/// <summary>
/// Downloads of every table the pages show, each built by the code that renders the page and read within the
/// signed-in viewer's scope (an operator's download never holds another agency):
/// <list type="bullet">
/// <item>/ekspor/perbandingan/{table}.{csv|xlsx}?tahun=...&amp;opd=1,2&amp;urut=... (the comparison's tables)</item>
/// <item>/ekspor/ringkasan/opd.{csv|xlsx}?tahun=... (the overview's agency table)</item>
/// <item>/ekspor/temuan.{csv|xlsx}?opd=&amp;jenis=&amp;tingkat=... (the findings)</item>
/// <item>/ekspor/opd/{id}/{indikator|anggaran}.{csv|xlsx}?tahun=...&amp;perjanjian=... (the agency page)</item>
/// </list>
/// </summary>
public static class ExportEndpoints
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapDashboardExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ekspor/perbandingan/{table}.{format}", async (
            string table, string format, int? tahun, string? opd, string? urut,
            HttpContext context, PerformanceReadModel performance, CapaianBandSource bands, WitaClock clock,
            CancellationToken cancellationToken) =>
        {
            if (!IsFormat(format))
            {
                return UnknownFormat(format);
            }

            var viewer = context.Viewer();
            var year = tahun ?? YearWithData.Default(await performance.YearsAsync(viewer, cancellationToken), clock.Now.Year);
            var snapshot = await performance.ReadAsync(viewer, year, QueryLists.ParseIds(opd), cancellationToken);
            var model = RegencyPerformance.From(snapshot, await bands.ForYearAsync(year, cancellationToken));
            var chosen = ComparisonTables.Build(model, urut).FirstOrDefault(t => t.Key == table);
            return chosen is null
                ? Results.NotFound($"Tabel '{table}' tidak ada.")
                : File(chosen, format, $"perbandingan-{chosen.Key}-{year}");
        });

        app.MapGet("/ekspor/ringkasan/opd.{format}", async (
            string format, int? tahun,
            HttpContext context, PerformanceReadModel performance, CapaianBandSource bands, WitaClock clock,
            CancellationToken cancellationToken) =>
        {
            if (!IsFormat(format))
            {
                return UnknownFormat(format);
            }

            var viewer = context.Viewer();
            var year = tahun ?? YearWithData.Default(await performance.YearsAsync(viewer, cancellationToken), clock.Now.Year);
            var snapshot = await performance.ReadAsync(viewer, year, cancellationToken: cancellationToken, programsByAgency: false);
            var model = RegencyPerformance.From(snapshot, await bands.ForYearAsync(year, cancellationToken));
            return File(OverviewTables.Agencies(model), format, $"ringkasan-opd-{year}");
        });

        app.MapGet("/ekspor/temuan.{format}", async (
            string format, int? opd, string? jenis, string? tingkat,
            HttpContext context, FindingsReadModel findings, CancellationToken cancellationToken) =>
        {
            if (!IsFormat(format))
            {
                return UnknownFormat(format);
            }

            var list = await findings.ListAsync(context.Viewer(), new FindingFilter(opd, jenis, tingkat, FindingTables.ExportLimit), cancellationToken);
            return File(FindingTables.Findings(list), format, "temuan");
        });

        app.MapGet("/ekspor/opd/{agencyId:int}/{table}.{format}", async (
            int agencyId, string table, string format, int? tahun, int? perjanjian,
            HttpContext context, AgencyDetailReadModel details, CapaianBandSource bands, CancellationToken cancellationToken) =>
        {
            if (!IsFormat(format))
            {
                return UnknownFormat(format);
            }

            var detail = await details.ReadAsync(context.Viewer(), agencyId, tahun, cancellationToken);
            if (detail is null)
            {
                return Results.NotFound("Perangkat daerah ini tidak ada atau tidak boleh Anda lihat.");
            }

            var tables = new AgencyTables(detail, await bands.ForYearAsync(detail.Year, cancellationToken));
            var chosen = table switch
            {
                "indikator" => tables.Indicators(perjanjian),
                "anggaran" => tables.Budget(perjanjian),
                _ => null,
            };
            return chosen is null
                ? Results.NotFound($"Tabel '{table}' tidak ada.")
                : File(chosen, format, $"opd-{agencyId}-{chosen.Key}-{detail.Year}" + (perjanjian is { } p ? $"-perjanjian-{p}" : ""));
        });
        return app;
    }

    private static bool IsFormat(string format) => format is "csv" or "xlsx";

    private static IResult UnknownFormat(string format) => Results.NotFound($"Format '{format}' tidak dikenal: gunakan csv atau xlsx.");

    private static IResult File(ExportTable table, string format, string name) => format == "csv"
        ? Results.File(TableWriters.Csv(table), "text/csv; charset=utf-8", name + ".csv")
        : Results.File(TableWriters.Xlsx(table), XlsxContentType, name + ".xlsx");
}
