using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PkAnalytics.Dashboard.Components.Account;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Tests;

/// <summary>The real dashboard in memory, pointed at the given database.</summary>
public sealed partial class DashboardFactory(string connectionString) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Warehouse", connectionString);
        // No Hangfire server in memory (it takes seconds to stop); the report jobs have their own tests.
        builder.UseSetting("Reports:Scheduling", "false");
    }

    /// <summary>A client that keeps cookies and does not follow redirects (so a test sees where it is sent).</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>
    /// Creates an account of the role (an Operator for <paramref name="agencyId"/>) and signs it in through the
    /// login form, antiforgery token and all; the client carries the resulting cookie.
    /// </summary>
    public async Task<HttpClient> SignedInClientAsync(string role, int? agencyId = null)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@uji.local";
        var password = AccountAdministration.GeneratePassword();
        var created = await Services.GetRequiredService<AccountAdministration>()
            .CreateAsync(ViewerScope.System, email, "Uji " + role, role, agencyId, password);
        Assert.True(created.Succeeded, created.Error);
        var client = CreateBrowserLikeClient();
        var response = await LoginAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Posts the login form as a browser would; returns the response (a redirect when it worked).</summary>
    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    public static partial Regex AntiforgeryToken();
}
