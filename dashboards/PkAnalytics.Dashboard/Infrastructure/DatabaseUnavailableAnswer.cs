using PkAnalytics.Warehouse;

namespace PkAnalytics.Dashboard.Infrastructure;

/// <summary>
/// A request that needs the database while it is gone gets 503 with a short explanation in Bahasa Indonesia and a
/// Retry-After, not a 500 with an empty body (downloads, exports, sign-in). Pages catch it themselves and show a
/// banner; this is for everything else.
/// </summary>
public static class DatabaseUnavailableAnswer
{
    public const string Message = "Basis data sedang tidak dapat dihubungi. Coba lagi sebentar lagi; bila berlanjut, hubungi Admin.";

    public static IApplicationBuilder UseDatabaseUnavailableAnswer(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next();
        }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e) && !context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILogger<DatabaseUnavailableMarker>>()
                .LogWarning("Database unavailable for {Path}: {Message}", context.Request.Path, e.Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "30";
            if (context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
            {
                // A browser navigation: a page it can show (and reload), not a bare line of text.
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(HtmlPage);
            }
            else
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(Message);
            }
        }
    });

    private const string HtmlPage = $$"""
        <!DOCTYPE html>
        <html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Basis data tidak dapat dihubungi - PkAnalytics</title>
        <style>body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2937}
        a{color:#1d4ed8}</style></head>
        <body><h1>Basis data tidak dapat dihubungi</h1><p>{{Message}}</p><p>Kode: 503</p>
        <p><a href="">Muat ulang halaman</a> &middot; <a href="/">Ringkasan</a></p></body></html>
        """;

    /// <summary>Log category.</summary>
    public sealed class DatabaseUnavailableMarker;
}
