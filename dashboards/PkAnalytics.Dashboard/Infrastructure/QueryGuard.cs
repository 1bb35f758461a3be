using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace PkAnalytics.Dashboard.Infrastructure;

/// <summary>
/// Query values the pages read as numbers or dates (tahun, opd, halaman, perjanjian, dari, sampai): a value that is none (`?tahun=abc`,
/// `?opd=x`) is dropped with a redirect, so the page opens on its default instead of failing to bind the value.
/// </summary>
public static class QueryGuard
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public static IApplicationBuilder UseQueryGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.QueryString.HasValue &&
            !request.Path.StartsWithSegments("/_framework") && !request.Path.StartsWithSegments("/_blazor") &&
            !request.Path.StartsWithSegments("/_content"))
        {
            var query = QueryHelpers.ParseQuery(request.QueryString.Value);
            var bad = query.Where(q => !IsValid(request.Path, q.Key, q.Value.ToString())).Select(q => q.Key).ToList();
            if (bad.Count > 0)
            {
                var kept = query.Where(q => !bad.Contains(q.Key))
                    .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
                context.Response.Redirect(QueryHelpers.AddQueryString(request.PathBase + request.Path, kept));
                return;
            }
        }

        await next(context);
    });

    /// <summary>Whether a query value is what the pages expect under that name (other names are not checked).</summary>
    public static bool IsValid(PathString path, string key, string value) => key.ToLowerInvariant() switch
    {
        "tahun" => ParseYear(value) is not null,
        "opd" when path.StartsWithSegments("/perbandingan") || path.StartsWithSegments("/ekspor/perbandingan") =>
            value.Split(',', StringSplitOptions.TrimEntries).All(v => v.Length == 0 || IsId(v)),
        "opd" => value.Length == 0 || IsId(value),
        "halaman" or "perjanjian" => value.Length == 0 || IsId(value),
        "dari" or "sampai" => value.Length == 0 || DateOnly.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => true,
    };

    /// <summary>A year the pages can show (2000-2100), or null.</summary>
    public static int? ParseYear(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= FirstYear and <= LastYear ? year : null;

    private static bool IsId(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0;
}
