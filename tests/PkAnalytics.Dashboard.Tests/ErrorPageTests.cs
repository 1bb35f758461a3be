using System.Net;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Accounts;

namespace PkAnalytics.Dashboard.Tests;

/// <summary>The exception handler answers with a page in Bahasa Indonesia whatever failed, and cannot fail itself.</summary>
public sealed class ErrorPageTests
{
    [Fact]
    public async Task WhenTheDatabaseIsGone_GetAndPost_AnswerTheBahasaErrorPage_NotABlank500()
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

        var get = await client.GetAsync("/ekspor/ringkasan/opd.csv?tahun=2024");
        Assert.Equal(HttpStatusCode.InternalServerError, get.StatusCode);
        var getBody = await get.Content.ReadAsStringAsync();
        Assert.Contains("Terjadi kesalahan", getBody);
        Assert.Contains("Kode:", getBody);
        Assert.StartsWith("text/html", get.Content.Headers.ContentType?.ToString());

        // A failing POST (signing out records an audit row): re-executing a page for it would be a form post too.
        var post = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.InternalServerError, post.StatusCode);
        Assert.Contains("Terjadi kesalahan", await post.Content.ReadAsStringAsync());

        // The /Error page itself still renders.
        var error = await factory.CreateClient().GetAsync("/Error");
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Contains("Terjadi kesalahan", await error.Content.ReadAsStringAsync());
    }
}
