namespace SshDoctor.Ssh.Transport;

/// <summary>
/// What the probe offers in its KEXINIT, per slot. The defaults are broad (modern first, legacy last) so the probe
/// connects to almost anything; a caller may narrow a slot to reproduce what a particular client would negotiate.
/// </summary>
public sealed record AlgorithmPreferences
{
    public IReadOnlyList<string> Kex { get; init; } = SupportedAlgorithms.Kex;

    public IReadOnlyList<string> HostKey { get; init; } = SupportedAlgorithms.HostKey;

    public IReadOnlyList<string> Ciphers { get; init; } = SupportedAlgorithms.Ciphers;

    public IReadOnlyList<string> Macs { get; init; } = SupportedAlgorithms.Macs;

    /// <summary>The defaults: everything the probe implements.</summary>
    public static AlgorithmPreferences Default { get; } = new();
}
