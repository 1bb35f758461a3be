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
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(Message);
        }
    });

    /// <summary>Log category.</summary>
    public sealed class DatabaseUnavailableMarker;
}
