using System.Diagnostics;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Ops.Tests;

/// <summary>The repository's own commands as real processes: the `pk` script, the built pk-etl and pk-bench.</summary>
internal static class OpsProcess
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string PkScript => Path.Combine(Repo.Root, "pk");

    public static string EtlPath => Path.Combine(Repo.Root, "etl", "PkAnalytics.Etl", "bin", Configuration, "net10.0", "pk-etl");

    public static string BenchPath => Path.Combine(Repo.Root, "bench", "PkAnalytics.Bench", "bin", Configuration, "net10.0", "pk-bench");

    /// <summary>The built pk-bench, as `./pk bench ARGS` runs it.</summary>
    public static Task<(int Code, string Output, string Error)> BenchAsync(string connectionString, params string[] args) =>
        RunAsync(BenchPath, connectionString, args);

    /// <summary>`./pk ARGS` with PK_DB set: the commands that need no build (backup, restore).</summary>
    public static Task<(int Code, string Output, string Error)> PkAsync(string connectionString, params string[] args) =>
        RunAsync("/bin/bash", connectionString, [PkScript, .. args]);

    /// <summary>The built pk-etl, as `./pk etl ARGS` runs it.</summary>
    public static Task<(int Code, string Output, string Error)> EtlAsync(string connectionString, params string[] args) =>
        RunAsync(EtlPath, connectionString, args);

    private static async Task<(int Code, string Output, string Error)> RunAsync(string executable, string connectionString, string[] args)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Repo.Root,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PK_DB"] = connectionString;
        start.Environment["PK_CONFIGURATION"] = Configuration;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
