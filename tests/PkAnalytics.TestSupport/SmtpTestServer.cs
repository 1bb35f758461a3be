using Xunit;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PkAnalytics.TestSupport;

/// <summary>
/// A real SMTP server for tests: Debian's python3-aiosmtpd with a Maildir mailbox, on a free loopback port.
/// Started per fixture, stopped on dispose. <see cref="StopAsync"/> and <see cref="StartAsync"/> take it down and
/// bring it back on the same port (a server that is down and comes back). With <c>rejecting: true</c> it runs
/// <c>smtp_rejecting.py</c>'s handler: the Mailbox handler, but RCPT to an address starting with "tolak" gets a 550
/// and one starting with "sibuk" a 451.
/// </summary>
public sealed class SmtpTestServer(bool rejecting = false, int? port = null) : IAsyncLifetime
{
    private Process? process;

    public SmtpTestServer() : this(false)
    {
    }

    public int Port { get; private set; } = port ?? 0;

    public string Maildir { get; } = Path.Combine(Path.GetTempPath(), "pk-smtp-" + Guid.NewGuid().ToString("N")[..8]);

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        foreach (var sub in new[] { "tmp", "new", "cur" })
        {
            Directory.CreateDirectory(Path.Combine(Maildir, sub));
        }

        if (Port == 0)
        {
            Port = FreePort();
        }

        var start = new ProcessStartInfo("/usr/bin/python3",
            ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", rejecting ? "smtp_rejecting.RejectingMailbox" : "aiosmtpd.handlers.Mailbox", Maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        if (rejecting)
        {
            start.Environment["PYTHONPATH"] = AppContext.BaseDirectory;
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("could not start python3 -m aiosmtpd");

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

    /// <summary>Stops the server (the port refuses connections until <see cref="StartAsync"/>); mail received stays.</summary>
    public Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process?.Dispose();
        process = null;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Maildir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
