namespace SshDoctor.Scan.History;

/// <summary>What changed on a host since the scan before, as the history shows it.</summary>
/// <param name="Kind">One of <see cref="ChangeKinds"/>.</param>
/// <param name="Id">The diagnosis id the change is (<c>hostkey.changed</c>, <c>dns.changed</c>), or null.</param>
/// <param name="Downgrade">A legacy algorithm is offered now that was not before.</param>
/// <param name="Before">The earlier value (a fingerprint, addresses, algorithms, an outcome).</param>
/// <param name="After">The value this scan saw.</param>
public sealed record HostChange(string HostId, string Kind, string? Id, bool Downgrade, string Before, string After, DateTimeOffset PreviousScan, DateTimeOffset ThisScan);

/// <summary>The kinds of <see cref="HostChange"/>.</summary>
public static class ChangeKinds
{
    public const string HostKeyChanged = "host-key-changed";
    public const string AddressChanged = "address-changed";
    public const string AlgorithmsAdded = "algorithms-added";
    public const string AlgorithmsRemoved = "algorithms-removed";
    public const string NewlyUnreachable = "newly-unreachable";

    public static IReadOnlyList<string> All { get; } = [HostKeyChanged, AddressChanged, AlgorithmsAdded, AlgorithmsRemoved, NewlyUnreachable];
}
