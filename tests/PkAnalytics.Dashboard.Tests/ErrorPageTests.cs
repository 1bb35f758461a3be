using System.Net;
using PkAnalytics.Dashboard.Infrastructure;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Accounts;

namespace PkAnalytics.Dashboard.Tests;

/// <summary>The exception handler answers with a page in Bahasa Indonesia whatever failed, and cannot fail itself.</summary>
public sealed class ErrorPageTests
{
    [Fact]
    public async Task WhenTheDatabaseIsGone_GetAndPost_AnswerThatItIsGone_NotABlank500()
    {
        var database = new TestDatabase();
        await database.InitializeAsync();
        await using var factory = new DashboardFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(PkRoles.Bappeda);
        // The logout form's token, taken while the database is there.
        var page = await client.GetStringAsync("/Account/Manage");
        var token = DashboardFactory.AntiforgeryToken().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);

        await database.DisposeAsync(); // drops the database under the running dashboard

        // The database being gone is said as such (503, Retry-After), to a download and to a browser alike.
        var get = await client.GetAsync("/ekspor/ringkasan/opd.csv?tahun=2024");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, get.StatusCode);
        Assert.Equal(DatabaseUnavailableAnswer.Message, await get.Content.ReadAsStringAsync());
        Assert.NotNull(get.Headers.RetryAfter);

        using var browserGet = new HttpRequestMessage(HttpMethod.Get, "/ekspor/ringkasan/opd.csv?tahun=2024");
        browserGet.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        var page503 = await client.SendAsync(browserGet);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page503.StatusCode);
        Assert.StartsWith("text/html", page503.Content.Headers.ContentType?.ToString());
        var page503Body = await page503.Content.ReadAsStringAsync();
        Assert.Contains("Basis data tidak dapat dihubungi", page503Body);
        Assert.Contains("Kode: 503", page503Body);

        // A failing POST (signing out records an audit row) gets the same answer, not a blank 500.
        var post = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
        Assert.Equal(DatabaseUnavailableAnswer.Message, await post.Content.ReadAsStringAsync());

        // The /Error page itself still renders.
        var error = await factory.CreateClient().GetAsync("/Error");
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Contains("Terjadi kesalahan", await error.Content.ReadAsStringAsync());
    }
}
