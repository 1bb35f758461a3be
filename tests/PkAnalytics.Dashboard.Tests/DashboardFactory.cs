using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PkAnalytics.Dashboard.Components.Account;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Tests;

/// <summary>
/// The real dashboard in memory, pointed at the given database, with extra settings if given; every log line it
/// writes (at every level) is kept in <see cref="LogLines"/>.
/// </summary>
public sealed partial class DashboardFactory(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public ConcurrentQueue<string> LogLines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Warehouse", connectionString);
        // No Hangfire server in memory (it takes seconds to stop); the report jobs have their own tests.
        builder.UseSetting("Reports:Scheduling", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddFilter(_ => true);
            logging.AddProvider(new CapturingLoggerProvider(LogLines));
        });
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
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
