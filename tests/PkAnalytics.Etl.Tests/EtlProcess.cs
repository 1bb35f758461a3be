using System.Diagnostics;

namespace PkAnalytics.Etl.Tests;

/// <summary>Runs the built pk-etl executable as a real process, with PK_DB pointing at a test database.</summary>
internal static class EtlProcess
{
    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "pk-etl");

    public static async Task<(int Code, string Output, string Error)> RunAsync(string connectionString, params string[] args)
    {
        var start = new ProcessStartInfo(ExecutablePath, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PK_DB"] = connectionString;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
