using System.Diagnostics;
using System.Text;

namespace PkAnalytics.Etl.Tests;

/// <summary>Runs the built pk-etl executable as a real process, with PK_DB pointing at a test database.</summary>
internal static class EtlProcess
{
    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "pk-etl");

    public static async Task<(int Code, string Output, string Error)> RunAsync(string connectionString, params string[] args)
    {
        await using var running = Start(connectionString, args);
        await running.Process.WaitForExitAsync();
        return (running.Process.ExitCode, await running.Output, running.Error);
    }

    /// <summary>Starts pk-etl; the caller waits for it or disposes it (which kills it if still running).</summary>
    public static RunningEtl Start(string connectionString, params string[] args)
    {
        var start = new ProcessStartInfo(ExecutablePath, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PK_DB"] = connectionString;
        return new RunningEtl(Process.Start(start)!);
    }
}

internal sealed class RunningEtl : IAsyncDisposable
{
    private readonly StringBuilder error = new();

    public RunningEtl(Process process)
    {
        Process = process;
        Output = process.StandardOutput.ReadToEndAsync();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (error)
                {
                    error.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public Task<string> Output { get; }

    public string Error
    {
        get
        {
            lock (error)
            {
                return error.ToString();
            }
        }
    }

    /// <summary>Waits until standard error contains <paramref name="text"/>; false after the timeout or if the process exited.</summary>
    public async Task<bool> WaitForErrorAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !Process.HasExited)
        {
            if (Error.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return Error.Contains(text, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }
}
