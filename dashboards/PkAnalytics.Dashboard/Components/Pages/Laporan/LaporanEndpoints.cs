using PkAnalytics.Dashboard.Infrastructure;
using PkAnalytics.Reports.Model;
using PkAnalytics.Reports.Rendering;
using PkAnalytics.Reports.Subscriptions;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Components.Pages.Laporan;

/// <summary>
/// The report PDFs on demand ("Unduh PDF"), scoped like the pages (the signed-in account's scope), and the HTML preview:
/// /laporan/kabupaten.pdf?periode=2024-06, /laporan/opd/{id}.pdf?periode=2024-06 (or ?tahun=2024),
/// /laporan/pratinjau?jenis=opd&amp;opd=1&amp;periode=2024-06[&amp;penerima=ID].
/// </summary>
public static class LaporanEndpoints
{
    public static IEndpointRouteBuilder MapLaporanEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/laporan/kabupaten.pdf", (string? periode, int? tahun, HttpContext context, ReportGenerator generator, WitaClock clock, CancellationToken ct) =>
            PdfAsync(ReportKind.Kabupaten, null, periode, tahun, generator, context.Viewer(), clock, ct));
        app.MapGet("/laporan/opd/{agencyId:int}.pdf", (int agencyId, string? periode, int? tahun, HttpContext context, ReportGenerator generator, WitaClock clock, CancellationToken ct) =>
            PdfAsync(ReportKind.Opd, agencyId, periode, tahun, generator, context.Viewer(), clock, ct));
        app.MapGet("/laporan/pratinjau", async (string? jenis, int? opd, string? periode, int? tahun, int? penerima,
            HttpContext context, ReportGenerator generator, SubscriptionStore store, WitaClock clock, CancellationToken ct) =>
        {
            ReportKind kind;
            try
            {
                kind = ReportKinds.Parse(jenis ?? "kabupaten");
            }
            catch (FormatException e)
            {
                return Results.BadRequest(e.Message);
            }

            var scope = context.Viewer();
            if (penerima is { } recipientId)
            {
                // As a recipient reads it: only for who manages subscriptions.
                if (!scope.Can(ViewerRights.ManageSubscriptions))
                {
                    return Results.Content(Message("Tidak boleh", "Pratinjau sebagai penerima hanya untuk pengelola langganan (Admin, Bappeda)."),
                        "text/html; charset=utf-8", statusCode: 403);
                }

                var recipient = (await store.ListAsync(ct)).SelectMany(s => s.Recipients).FirstOrDefault(r => r.RecipientId == recipientId);
                if (recipient is null)
                {
                    return Results.NotFound("Penerima tidak ada.");
                }

                try
                {
                    scope = ReportAccess.ScopeOf(recipient.Role, recipient.AgencyId, recipient.Email);
                }
                catch (ReportNotVisibleException e)
                {
                    return Results.Content(Message("Penerima ini tidak menerima laporan", e.Message), "text/html; charset=utf-8", statusCode: 403);
                }
            }

            if (!TryPeriod(periode, tahun, clock, out var period, out var error))
            {
                return Results.BadRequest(error);
            }

            try
            {
                var html = await generator.HtmlAsync(new ReportRequest(kind, kind == ReportKind.Opd ? opd : null, period), scope, ct);
                return Results.Content(html, "text/html; charset=utf-8");
            }
            catch (ReportNotVisibleException e)
            {
                return Results.Content(Message("Laporan ini tidak boleh dilihat", e.Message), "text/html; charset=utf-8", statusCode: 403);
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(e.Message);
            }
        });
        return app;
    }

    private static async Task<IResult> PdfAsync(ReportKind kind, int? agencyId, string? periode, int? tahun, ReportGenerator generator,
        ViewerScope scope, WitaClock clock, CancellationToken ct)
    {
        if (!TryPeriod(periode, tahun, clock, out var period, out var error))
        {
            return Results.BadRequest(error);
        }

        var request = new ReportRequest(kind, agencyId, period);
        try
        {
            var report = await generator.RenderAsync(request, scope, ct);
            return Results.File(report.Pdf, "application/pdf", request.FileName);
        }
        catch (ReportNotVisibleException e)
        {
            return Results.Content(Message("Laporan ini tidak boleh dilihat", e.Message), "text/html; charset=utf-8", statusCode: 403);
        }
        catch (ReportIncompleteException e)
        {
            return Results.Content(Message("Laporan tidak lengkap", e.Message), "text/html; charset=utf-8", statusCode: 500);
        }
    }

    /// <summary>
    /// The period asked for: `periode=YYYY-MM`; else the year a page shows (`tahun`): its December for a past year,
    /// the running month for this year; else last month.
    /// </summary>
    public static bool TryPeriod(string? periode, int? tahun, WitaClock clock, out ReportPeriod period, out string? error)
    {
        error = null;
        if (!string.IsNullOrWhiteSpace(periode))
        {
            if (ReportPeriod.TryParse(periode, out period))
            {
                return true;
            }

            error = $"Periode '{periode}' tidak dikenal: tulis YYYY-MM, misalnya 2024-06.";
            return false;
        }

        var now = clock.Now;
        period = tahun switch
        {
            { } y when y < now.Year => new ReportPeriod(y, 12),
            { } y when y == now.Year => new ReportPeriod(y, now.Month),
            { } y => new ReportPeriod(y, 1),
            null => ReportPeriod.Before(now.DateTime),
        };
        return true;
    }

    private static string Message(string title, string text) =>
        $"<!DOCTYPE html><html lang=\"id\"><body style=\"font-family:'DejaVu Sans',sans-serif\"><h1>{System.Net.WebUtility.HtmlEncode(title)}</h1><p>{System.Net.WebUtility.HtmlEncode(text)}</p><p><a href=\"/\">Kembali ke beranda</a></p></body></html>";
}
