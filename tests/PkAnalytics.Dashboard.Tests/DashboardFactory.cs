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
    }
}
