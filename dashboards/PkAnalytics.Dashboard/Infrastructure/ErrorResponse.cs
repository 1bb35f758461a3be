using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Diagnostics;

namespace PkAnalytics.Dashboard.Infrastructure;

/// <summary>
/// What the exception handler answers: a self-contained page in Bahasa Indonesia (the text of /Error), written
/// directly. Re-executing a page for it could fail in turn (a POST re-executed as a form post, the database that
/// caused the error, a sign-in check); this reads nothing and renders nothing, so it cannot.
/// </summary>
public static class ErrorResponse
{
    public static async Task WriteAsync(HttpContext context)
    {
        var code = Activity.Current?.Id ?? context.TraceIdentifier;
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("PkAnalytics.Dashboard.Error")
            .LogError(error, "Unhandled error on {Method} {Path} (code {Code})", context.Request.Method, context.Request.Path, code);
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(Page(code));
    }

    public static string Page(string code) => $$"""
        <!DOCTYPE html>
        <html lang="id">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1.0" />
        <title>Terjadi kesalahan - PkAnalytics</title>
        <style>
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 0; background: #f3f5f8; color: #1a1a1a; }
        header { background: #1565c0; color: #fff; padding: 0.75rem 1rem; font-weight: 700; }
        main { max-width: 40rem; margin: 1.5rem auto; background: #fff; border: 1px solid #e0e0e0; border-radius: 8px; padding: 1rem 1.25rem; }
        h1 { font-size: 1.4rem; margin: 0 0 0.75rem; }
        code { overflow-wrap: anywhere; }
        </style>
        </head>
        <body>
        <header>PkAnalytics</header>
        <main>
        <h1>Terjadi kesalahan</h1>
        <p role="alert">Maaf, halaman ini tidak dapat ditampilkan karena kesalahan di server. Coba muat ulang; bila terulang, sampaikan kode berikut kepada Admin.</p>
        <p>Kode: <code>{{WebUtility.HtmlEncode(code)}}</code></p>
        <p><a href="/">Kembali ke beranda</a></p>
        </main>
        </body>
        </html>
        """;
}
