using System.Net;

namespace SshDoctor.Probing.Connect;

/// <summary>
/// The addresses (or the lookup error), the connect result when the lookup succeeded, and the connected socket as a
/// stream that has been reading ahead since the connect.
/// </summary>
public sealed record EarlyConnectionResult(IReadOnlyList<IPAddress> Addresses, string? DnsError, TimeSpan DnsElapsed, TcpConnectResult? Tcp)
{
    public Stream? Stream { get; init; }
}
