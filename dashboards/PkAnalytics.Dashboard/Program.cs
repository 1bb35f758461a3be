using PkAnalytics.Dashboard;
using PkAnalytics.Dashboard.Cli;
using PkAnalytics.Dashboard.Components;

// Command-line verbs (`pk-dashboard user ...`) run against the configured database and exit; no web host.
if (DashboardCli.Find(args) is { } command)
{
    return await command(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddDashboard();

var app = builder.Build();
await app.EnsureSchemaIsCurrentAsync();
app.UseDashboard();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
