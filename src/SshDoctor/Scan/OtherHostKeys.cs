using System.Net;
using System.Net.Sockets;
using SshDoctor.Ssh;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.Scan;

/// <summary>
/// scan --all-host-keys (<see cref="ScanSettings.AllHostKeys"/>; by default a scan fetches only the negotiated key): the
/// host keys a server has besides the one the probe negotiated, one per other key type its host key algorithm list
/// names, so a scan's history sees a changed key of any type, as <c>ssh-keyscan</c> with all types does. First on the
/// probe's own connection, while it is still open (<see cref="ReexchangeAsync"/>, run as the probe's last step): a key
/// re-exchange (RFC 4253 §9) per type, offering only that type's algorithms, each signature over its exchange hash
/// verified as the first one is. A server that refuses or closes on a re-exchange, or is known to
/// (<see cref="PreAuthRekeyRefusals"/>: OpenSSH), is asked for the types still missing by one key-exchange-only connection
/// per type (<see cref="FallbackAsync"/>), one after another. Whichever way, the first failure ends the asking: a server
/// that stops answering is not pressed. One instance per host and probe.
/// </summary>
internal sealed class OtherHostKeys
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

    private readonly List<RecordedHostKey> _keys = [];
    private bool _stopped;

    /// <summary>Ask a server known to refuse anyway (a lab test that watches the refusal and the fallback happen).</summary>
    public bool AskKnownRefusers { get; init; }

    /// <summary>The other keys collected so far, in the order asked.</summary>
    public IReadOnlyList<RecordedHostKey> Keys => _keys;

    /// <summary>How many keys came by re-exchange on the probe's connection.</summary>
    public int Reexchanged { get; private set; }

    /// <summary>The TCP connections opened for the keys the re-exchange did not give (each one costs the server a connection).</summary>
    public int Connections { get; private set; }

    /// <summary>Why the probe's connection gave no (or not every) other key: the refusal seen or known; null when it gave them all.</summary>
    public string? ReexchangeRefused { get; private set; }

    /// <summary>The key types still to ask for: named by the server's list, known to the probe, not the negotiated one.</summary>
    public static IEnumerable<(string Type, string[] Algorithms)> ToAsk(IReadOnlyList<string> serverAlgorithms, string negotiatedType) =>
        KeyTypes.Where(t => t.Type != negotiatedType)
            .Select(t => (t.Type, t.Algorithms.Where(a => serverAlgorithms.Contains(a, StringComparer.Ordinal) && SupportedAlgorithms.HostKey.Contains(a, StringComparer.Ordinal)).ToArray()))
            .Where(t => t.Item2.Length > 0);

    /// <summary>The probe's last step: a re-exchange per other key type on its still open connection.</summary>
    public async Task ReexchangeAsync(SshProbeSession session, CancellationToken cancellationToken)
    {
        if (session.ServerKexInit is not { } kex || session.HostKey is not { } negotiated)
        {
            return;
        }

        var toAsk = ToAsk(kex.HostKeyAlgorithms, negotiated.KeyType).ToList();
        if (toAsk.Count == 0)
        {
            return;
        }

        if (!AskKnownRefusers && PreAuthRekeyRefusals.For(session.ServerIdentification?.SoftwareVersion) is { } known)
        {
            ReexchangeRefused = "known to refuse: " + known;
            return;
        }

        foreach (var (type, algorithms) in toAsk)
        {
            var key = await session.RekeyForHostKeyAsync(algorithms, cancellationToken);
            if (key is null || key.KeyType != type)
            {
                // Refused, closed or answered with another type: the rest, if any, over connections of their own.
                ReexchangeRefused = session.Failure is { } failure ? failure.Detail : $"answered with a {key?.KeyType} key for {type}";
                return;
            }

            _keys.Add(new RecordedHostKey(key.KeyType, key.Fingerprint, key.ToBase64()));
            Reexchanged++;
        }
    }

    /// <summary>
    /// The key types the re-exchange did not give, one connection each to the address the probe reached (direct targets
    /// only: through a jump host each would be another session on the jump host).
    /// </summary>
    public async Task FallbackAsync(IPAddress address, int port, IReadOnlyList<string> serverAlgorithms, string negotiatedType, TimeSpan timeout, CancellationToken cancellationToken)
    {
        foreach (var (type, algorithms) in ToAsk(serverAlgorithms, negotiatedType).Where(t => !_keys.Any(k => k.Type == t.Type)).ToList())
        {
            if (_stopped)
            {
                return;
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                Connections++;
                await socket.ConnectAsync(new IPEndPoint(address, port), deadline.Token);
                var options = new ProbeOptions { Algorithms = AlgorithmPreferences.Default with { HostKey = algorithms } };
                await using var session = await SshProbeClient.ConnectAsync(new NetworkStream(socket, ownsSocket: true), options, deadline.Token);
                if (session.Failure is not null || session.HostKey is not { } key || !session.HostKeySignatureVerified || key.KeyType != type)
                {
                    _stopped = true;
                    return;
                }

                _keys.Add(new RecordedHostKey(key.KeyType, key.Fingerprint, key.ToBase64()));
            }
            catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                socket.Dispose();
                _stopped = true;
                return;
            }
        }
    }
}
