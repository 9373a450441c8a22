namespace SshDoctor.Probing.UserSsh;

/// <summary>What the user's own ssh would offer for this destination, per slot, and how we know.</summary>
/// <param name="Source">e.g. <c>ssh -G</c> or <c>OpenSSH 9.0 defaults (for OpenSSH_9.2p1)</c>.</param>
public sealed record UserClientAlgorithms(
    IReadOnlyList<string> Kex,
    IReadOnlyList<string> HostKey,
    IReadOnlyList<string> Ciphers,
    IReadOnlyList<string> Macs,
    string Source)
{
    /// <summary>True when the lists are exactly what the user's ssh computed (from <c>ssh -G</c>), not a prediction from tables.</summary>
    public bool Exact { get; init; }

    /// <summary>Applies ssh_config list syntax to each slot that <paramref name="values"/> sets (KexAlgorithms, HostKeyAlgorithms, Ciphers, MACs).</summary>
    public UserClientAlgorithms WithConfig(Func<string, string?> values) => this with
    {
        Kex = AlgorithmListModifier.Apply(Kex, values("kexalgorithms")),
        HostKey = AlgorithmListModifier.Apply(HostKey, values("hostkeyalgorithms")),
        Ciphers = AlgorithmListModifier.Apply(Ciphers, values("ciphers")),
        Macs = AlgorithmListModifier.Apply(Macs, values("macs")),
    };
}
