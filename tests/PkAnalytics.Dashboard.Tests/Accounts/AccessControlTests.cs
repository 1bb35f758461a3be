using System.Net;
using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Accounts;

namespace PkAnalytics.Dashboard.Tests.Accounts;

/// <summary>Who may reach what, through the real pipeline (cookie login, antiforgery, authorization).</summary>
public sealed class AccessControlTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly string[] OpenToEveryone = ["/Account/Login", "/Account/Lockout", "/Account/LoginWith2fa", "/health", "/Error"];

    [Fact]
    public async Task EveryEndpoint_WithoutLogin_SendsToTheLoginPage_ExceptLoginStaticAssetsAndHealth()
    {
        await using var factory = new DashboardFactory(database.ConnectionString);
        var client = factory.CreateBrowserLikeClient();
        var endpoints = factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);

        var checkedPaths = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var path = "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(Sample))));
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (anonymous)
            {
                // Nothing but the sign-in pages, /health and the static files (which carry a file name) is open.
                Assert.True(OpenToEveryone.Contains(path, StringComparer.OrdinalIgnoreCase) || Path.HasExtension(path),
                    $"{path} allows anonymous access");
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var method = methods.Contains("GET") ? HttpMethod.Get : new HttpMethod(methods[0]);
            var response = await client.SendAsync(new HttpRequestMessage(method, path));
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest,
                $"{method} {path} answered {(int)response.StatusCode} without a login");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
            }

            checkedPaths.Add(path);
        }

        foreach (var page in new[] { "/", "/perbandingan", "/opd", "/opd/1", "/temuan", "/dokumen", "/realisasi/indikator", "/admin/pengguna", "/admin/audit", "/ekspor/perbandingan/sakip.csv", "/_blazor" })
        {
            Assert.Contains(checkedPaths, p => p.StartsWith(page, StringComparison.Ordinal));
        }
    }

    private static string Sample(Microsoft.AspNetCore.Routing.Patterns.RoutePatternPart part) => part switch
    {
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "format" } => "csv",
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "table" } => "sakip",
        _ => "1",
    };

    [Theory]
    [InlineData("/admin/pengguna")]
    [InlineData("/admin/audit")]
    [InlineData("/dokumen")]
    public async Task AdminAndUploadPages_AsOperatorOrPimpinan_AreRefused(string path)
    {
        var agency = await AgencyAsync("Dinas Halaman");
        await using var factory = new DashboardFactory(database.ConnectionString);
        foreach (var client in new[] { await factory.SignedInClientAsync(PkRoles.Operator, agency), await factory.SignedInClientAsync(PkRoles.Pimpinan) })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
        }

        var admin = await factory.SignedInClientAsync(PkRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Operator_CannotReadAnotherAgency_ByUrlOrExportLink()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "baca");
        await using var factory = new DashboardFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(PkRoles.Operator, seed.AgencyId);

        var own = await client.GetStringAsync($"/opd/{seed.AgencyId}?tahun=2024");
        Assert.Contains("Dinas Uji baca", own);
        var other = await client.GetStringAsync($"/opd/{seed.OtherAgencyId}?tahun=2024");
        Assert.DoesNotContain("Badan Lain baca", other);
        var list = await client.GetStringAsync("/opd");
        Assert.DoesNotContain("Badan Lain baca", list);

        var export = await client.GetStringAsync($"/ekspor/perbandingan/peringkat.csv?tahun=2024&opd={seed.OtherAgencyId},{seed.AgencyId}");
        Assert.DoesNotContain("Badan Lain baca", export);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await client.GetAsync($"/realisasi/templat/indikator?agency={seed.OtherAgencyId}&year=2024&quarter=1")).StatusCode);
    }

    [Fact]
    public async Task CraftedPosts_WithoutTheAntiforgeryToken_AreRejected()
    {
        await using var factory = new DashboardFactory(database.ConnectionString);
        var anonymous = factory.CreateBrowserLikeClient();
        var login = await anonymous.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = "x@uji.local", ["Input.Password"] = "whatever-it-is",
        }));
        Assert.True(login.StatusCode == HttpStatusCode.BadRequest, $"{login.StatusCode} {login.Headers.Location}");

        var admin = await factory.SignedInClientAsync(PkRoles.Admin);
        var logout = await admin.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/")).StatusCode); // still signed in
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders()
    {
        await using var factory = new DashboardFactory(database.ConnectionString);
        var client = factory.CreateBrowserLikeClient();
        foreach (var path in new[] { "/Account/Login", "/health", "/app.css", "/", "/tidak-ada" })
        {
            var response = await client.GetAsync(path);
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("script-src 'self';", csp);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }
    }

    [Fact]
    public async Task LoginCookie_IsHttpOnlyAndSameSiteLax()
    {
        await using var factory = new DashboardFactory(database.ConnectionString);
        var email = $"cookie-{Guid.NewGuid():N}@uji.local";
        var password = PkAnalytics.Dashboard.Components.Account.AccountAdministration.GeneratePassword();
        await factory.Services.GetRequiredService<PkAnalytics.Dashboard.Components.Account.AccountAdministration>()
            .CreateAsync(Warehouse.ReadModels.ViewerScope.System, email, "Uji", PkRoles.Pimpinan, null, password);
        var response = await DashboardFactory.LoginAsync(factory.CreateBrowserLikeClient(), email, password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pk.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<int> AgencyAsync(string name)
    {
        await using var c = await database.DataSource.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<int>(
            "insert into dim_agency (name, normalized_name) values (@name, lower(@name)) on conflict (normalized_name) do update set name = excluded.name returning agency_id",
            new { name });
    }
}
