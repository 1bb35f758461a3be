using PkAnalytics.Dashboard;
using PkAnalytics.Dashboard.Components;

// Command-line verbs run without the web host.
if (args is ["report", ..])
{
    Environment.ExitCode = await PkAnalytics.Dashboard.Cli.ReportCommand.RunAsync(args);
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddDashboard();

var app = builder.Build();
await app.EnsureSchemaIsCurrentAsync();
app.UseDashboard();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
