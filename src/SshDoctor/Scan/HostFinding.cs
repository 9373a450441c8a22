namespace SshDoctor.Scan;

/// <summary>Something a scan found about a host that is worth grouping across the fleet (not necessarily a failure).</summary>
/// <param name="Kind">One of <see cref="FindingKinds"/>.</param>
/// <param name="Detail">What exactly (the algorithms, the key), remote text included: escaped when shown.</param>
public sealed record HostFinding(string Kind, string Detail);

/// <summary>The kinds of <see cref="HostFinding"/>, in the order the report groups them.</summary>
public static class FindingKinds
{
    public const string LegacyAlgorithms = "legacy-algorithms";
    public const string WeakHostKey = "weak-host-key";
    public const string HostKeyChanged = "host-key-changed";
    public const string NotInKnownHosts = "not-in-known-hosts";

    public static IReadOnlyList<string> All { get; } = [LegacyAlgorithms, WeakHostKey, HostKeyChanged, NotInKnownHosts];

    /// <summary>The findings of one snapshot: from the algorithm table, the key's strength and the known_hosts verdict.</summary>
    public static IReadOnlyList<HostFinding> Of(HostSnapshot snapshot)
    {
        var findings = new List<HostFinding>();
        var legacy = Scan.LegacyAlgorithms.Offered(snapshot).ToList();
        if (legacy.Count > 0)
        {
            findings.Add(new HostFinding(LegacyAlgorithms, string.Join(", ", legacy.Select(l => $"{l.Slot} {l.Name}"))));
        }

        if (HostKeyStrength.Weakness(snapshot.HostKeyType, snapshot.HostKey) is { } weakness)
        {
            findings.Add(new HostFinding(WeakHostKey, $"{weakness}: {snapshot.HostKeyFingerprint}"));
        }

        if (snapshot.KnownHosts is "changed" or "revoked")
        {
            findings.Add(new HostFinding(HostKeyChanged, $"{snapshot.HostKeyType} {snapshot.HostKeyFingerprint} ({snapshot.KnownHosts} in known_hosts)"));
        }
        else if (snapshot.KnownHosts == "new")
        {
            findings.Add(new HostFinding(NotInKnownHosts, $"{snapshot.HostKeyType} {snapshot.HostKeyFingerprint}"));
        }

        return findings;
    }
}
