using System.Net;
using System.Net.Sockets;
using SshDoctor.Ssh;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.Scan;

/// <summary>
/// The host keys a server has besides the one the probe negotiated: for each other key type its host key algorithm list
/// names, one connection that goes as far as the key exchange (the server signs with that key; no authentication is
/// attempted), one after another, to the address the probe reached. A scan's history then sees a changed key of any type,
/// as <c>ssh-keyscan</c> with all types does. The first connection that fails ends the asking: a server that stops
/// answering is not pressed.
/// </summary>
internal static class OtherHostKeys
{
    /// <summary>Key types and the algorithms that ask for each (an RSA key is one key for three signature algorithms).</summary>
    private static readonly (string Type, string[] Algorithms)[] KeyTypes =
    [
        ("ssh-ed25519", ["ssh-ed25519"]),
        ("ecdsa-sha2-nistp256", ["ecdsa-sha2-nistp256"]),
        ("ecdsa-sha2-nistp384", ["ecdsa-sha2-nistp384"]),
        ("ecdsa-sha2-nistp521", ["ecdsa-sha2-nistp521"]),
        ("ssh-rsa", ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"]),
    ];

    /// <summary>The key types still to ask for: named by the server's list, known to the probe, not the negotiated one.</summary>
    public static IEnumerable<(string Type, string[] Algorithms)> ToAsk(IReadOnlyList<string> serverAlgorithms, string negotiatedType) =>
        KeyTypes.Where(t => t.Type != negotiatedType)
            .Select(t => (t.Type, t.Algorithms.Where(a => serverAlgorithms.Contains(a, StringComparer.Ordinal) && SupportedAlgorithms.HostKey.Contains(a, StringComparer.Ordinal)).ToArray()))
            .Where(t => t.Item2.Length > 0);

    public static async Task<IReadOnlyList<RecordedHostKey>> CollectAsync(IPAddress address, int port, IReadOnlyList<string> serverAlgorithms, string negotiatedType, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var keys = new List<RecordedHostKey>();
        foreach (var (type, algorithms) in ToAsk(serverAlgorithms, negotiatedType))
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), deadline.Token);
                var options = new ProbeOptions { Algorithms = AlgorithmPreferences.Default with { HostKey = algorithms } };
                await using var session = await SshProbeClient.ConnectAsync(new NetworkStream(socket, ownsSocket: true), options, deadline.Token);
                if (session.Failure is not null || session.HostKey is not { } key || !session.HostKeySignatureVerified || key.KeyType != type)
                {
                    break;
                }

                keys.Add(new RecordedHostKey(key.KeyType, key.Fingerprint, key.ToBase64()));
            }
            catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                socket.Dispose();
                break;
            }
        }

        return keys;
    }
}
