using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SshDoctor.Diagnosis.Observations;

namespace SshDoctor.Probing.Connect;

/// <summary>
/// Resolves the name and connects to each address in getaddrinfo order, each under the deadline, as
/// sshconnect.c:ssh_connect_direct does; refused, timed out, unreachable and reset are told apart.
/// </summary>
public static class TcpConnector
{
    /// <summary>Resolves <paramref name="host"/>; a literal address resolves to itself.</summary>
    public static async Task<(IReadOnlyList<IPAddress> Addresses, string? Error)> ResolveAsync(string host, string addressFamily, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return ([literal], null);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var family = addressFamily switch
            {
                "inet" => AddressFamily.InterNetwork,
                "inet6" => AddressFamily.InterNetworkV6,
                _ => AddressFamily.Unspecified,
            };
            var addresses = await Dns.GetHostAddressesAsync(host, family, deadline.Token);
            return addresses.Length == 0 ? ([], "No address associated with hostname") : (addresses, null);
        }
        catch (SocketException e)
        {
            return ([], e.SocketErrorCode switch
            {
                SocketError.HostNotFound => "Name or service not known",
                SocketError.TryAgain => "Temporary failure in name resolution",
                SocketError.NoData => "No address associated with hostname",
                _ => e.Message,
            });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ([], $"Temporary failure in name resolution (no answer within {timeout.TotalSeconds:0} s)");
        }
    }

    public static async Task<TcpConnectResult> ConnectAsync(IReadOnlyList<IPAddress> addresses, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var attempts = new List<TcpAttempt>();
        foreach (var address in addresses)
        {
            var started = Stopwatch.GetTimestamp();
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), deadline.Token);
                attempts.Add(new TcpAttempt(address, port, null, "connected", Stopwatch.GetElapsedTime(started)));
                return new TcpConnectResult(attempts, socket);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                attempts.Add(new TcpAttempt(address, port, Classify(e.SocketErrorCode), Describe(e), Stopwatch.GetElapsedTime(started)));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                attempts.Add(new TcpAttempt(address, port, TcpFailureKind.TimedOut, $"Connection timed out (no answer within {timeout.TotalSeconds:0.#} s)", Stopwatch.GetElapsedTime(started)));
            }
        }

        return new TcpConnectResult(attempts, null);
    }

    internal static TcpFailureKind Classify(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => TcpFailureKind.Refused,
        SocketError.TimedOut => TcpFailureKind.TimedOut,
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown or SocketError.NetworkDown => TcpFailureKind.Unreachable,
        SocketError.ConnectionReset => TcpFailureKind.Reset,
        _ => TcpFailureKind.Other,
    };

    private static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "Connection refused",
        SocketError.TimedOut => "Connection timed out",
        SocketError.HostUnreachable or SocketError.HostDown => "No route to host",
        SocketError.NetworkUnreachable or SocketError.NetworkDown => "Network is unreachable",
        SocketError.ConnectionReset => "Connection reset by peer",
        _ => e.Message,
    };

    /// <summary>What a failed connect saw, every address tried, for the rules (TcpRule).</summary>
    internal static ConnectFailed Failed(ProbeTarget target, string? hop, TcpConnectResult result) =>
        new(target.Subject, hop, target.HostName,
            [.. result.Attempts.Select(a => Observation.Seen($"connect to address {a.Address} port {a.Port}: {a.Detail} ({Timing.Ms(a.Elapsed)})"))],
            result.LastFailure?.Failure, Address: result.LastFailure?.Address.ToString());
}
