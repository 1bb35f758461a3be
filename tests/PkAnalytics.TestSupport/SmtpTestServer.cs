using Xunit;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PkAnalytics.TestSupport;

/// <summary>
/// A real SMTP server for tests: Debian's python3-aiosmtpd with a Maildir mailbox, on a free loopback port.
/// Started per fixture, stopped on dispose.
/// </summary>
public sealed class SmtpTestServer : IAsyncLifetime
{
    private Process? process;

    public int Port { get; private set; }

    public string Maildir { get; } = Path.Combine(Path.GetTempPath(), "pk-smtp-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync()
    {
        foreach (var sub in new[] { "tmp", "new", "cur" })
        {
            Directory.CreateDirectory(Path.Combine(Maildir, sub));
        }

        Port = FreePort();
        process = Process.Start(new ProcessStartInfo("/usr/bin/python3",
            ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("could not start python3 -m aiosmtpd");

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    "aiosmtpd exited at start: " + await process.StandardError.ReadToEndAsync() +
                    " (is python3-aiosmtpd installed? ./pk test installs it)");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"aiosmtpd did not listen on 127.0.0.1:{Port} within 15 s");
    }

    /// <summary>The raw RFC 822 messages delivered so far.</summary>
    public IReadOnlyList<string> Messages() =>
        Directory.GetFiles(Path.Combine(Maildir, "new")).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();

    public Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process?.Dispose();
        try
        {
            Directory.Delete(Maildir, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
