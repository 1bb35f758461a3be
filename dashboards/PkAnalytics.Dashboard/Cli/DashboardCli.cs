namespace PkAnalytics.Dashboard.Cli;

/// <summary>The verbs `pk-dashboard` runs instead of serving: each takes the whole argument list and returns an exit code.</summary>
public static class DashboardCli
{
    public static Func<string[], Task<int>>? Find(string[] args) => args.FirstOrDefault() switch
    {
        "user" => UserCommand.RunAsync,
        "report" => ReportCommand.RunAsync,
        _ => null,
    };
}
