using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PkAnalytics.Dashboard.Tests;

/// <summary>The real dashboard in memory, pointed at the given database.</summary>
public sealed class DashboardFactory(string connectionString) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Warehouse", connectionString);
        // No Hangfire server in memory (it takes seconds to stop); the report jobs have their own tests.
        builder.UseSetting("Reports:Scheduling", "false");
    }
}
