using System.Net;
using System.Net.Sockets;

namespace PkAnalytics.TestSupport;

/// <summary>
/// A loopback port that refuses connections for as long as this object lives: bound (so no other process can
/// take it and start listening) but never listening. Unlike "a port that was free a moment ago", nothing can
/// answer on it during the test.
/// </summary>
public sealed class ClosedPort : IDisposable
{
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ClosedPort()
    {
        socket.ExclusiveAddressUse = true;
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose() => socket.Dispose();
}
