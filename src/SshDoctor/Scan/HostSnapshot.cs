
namespace SshDoctor.Scan;

/// <summary>
/// What one scan saw of one host, as the history keeps it: the addresses, the banner, the server's algorithm lists, its
/// host key and the outcome. Everything remote is kept cut (<see cref="Ssh.RemoteText"/>), and escaped when shown.
/// </summary>
public sealed record HostSnapshot
{
    /// <summary>The host as the history knows it: the destination's host (lower case) and port, e.g. <c>web1:22</c>.</summary>
    public required string HostId { get; init; }

    public required string Destination { get; init; }

    public required DateTimeOffset ScannedAt { get; init; }

    /// <summary>ok, a diagnosis id, or <c>deadline</c> (the per-host deadline ended the probe).</summary>
    public required string Outcome { get; init; }

    /// <summary>Whether an SSH server answered (a banner was read).</summary>
    public bool Reached => Banner is not null;

    public IReadOnlyList<string> Addresses { get; init; } = [];

    public string? Banner { get; init; }

    public IReadOnlyList<string> Kex { get; init; } = [];

    public IReadOnlyList<string> HostKeyAlgorithms { get; init; } = [];

    public IReadOnlyList<string> Ciphers { get; init; } = [];

    public IReadOnlyList<string> Macs { get; init; } = [];

    public string? HostKeyType { get; init; }

    public string? HostKeyFingerprint { get; init; }

    /// <summary>The public key blob, base64.</summary>
    public string? HostKey { get; init; }

    /// <summary>
    /// The host keys this scan fetched, one per key type, by type: the negotiated one (what ssh checks), and with
    /// --all-host-keys every other type the server's host key algorithm list names; empty when none was seen or in a
    /// history written before they were kept. Read as the history's previous record, each type's latest key (<see cref="RecordedHostKey.SeenAt"/>).
    /// </summary>
    public IReadOnlyList<RecordedHostKey> HostKeys { get; init; } = [];

    /// <summary>scan --keys: the host's answer for each of the user's candidate keys, in ssh's order; empty without --keys.</summary>
    public IReadOnlyList<UserKeyAnswer> Keys { get; init; } = [];

    /// <summary>ok, new, changed, revoked (KnownHostsStatus), or null when no key was seen.</summary>
    public string? KnownHosts { get; init; }

    /// <summary>
    /// The host key types the server offers, from its KEXINIT's host key algorithm list (the RSA signature algorithms are
    /// one ssh-rsa type), in its order: known without fetching each key, so weak types offered are found in one connection.
    /// </summary>
    public IReadOnlyList<string> HostKeyTypes => HostKeyAlgorithms.Select(Probing.UserSsh.HostKeyPreference.KeyTypeOf).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The algorithm lists by slot name (kex, hostkey, cipher, mac).</summary>
    public IEnumerable<(string Slot, IReadOnlyList<string> Names)> Algorithms =>
        [("kex", Kex), ("hostkey", HostKeyAlgorithms), ("cipher", Ciphers), ("mac", Macs)];
}
