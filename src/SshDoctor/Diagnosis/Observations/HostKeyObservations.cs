using System.Net;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.KnownHosts;

namespace SshDoctor.Diagnosis.Observations;

/// <summary>
/// The host key the server proved (its signature verified), compared with known_hosts as OpenSSH compares it
/// (<see cref="Verdict"/>), with the files as read and how the user's ssh treats an unknown key
/// (StrictHostKeyChecking, BatchMode).
/// </summary>
public sealed record HostKeyChecked(ProbeSubject Subject, string? Hop, SshPublicKey Key, KnownHostsVerdict Verdict) : Observation(Subject, Hop)
{
    public required string KnownHostsName { get; init; }

    /// <summary>Every known_hosts file ssh consults, the user's first.</summary>
    public required IReadOnlyList<string> KnownHostsFiles { get; init; }

    /// <summary>The first user (not global) known_hosts file: where ssh adds a key.</summary>
    public string? UserKnownHostsFile { get; init; }

    /// <summary>The files as read: one not read (a FIFO, permission denied) or cut is said in the evidence.</summary>
    public IReadOnlyList<KnownHostsFile> Files { get; init; } = [];

    public string StrictHostKeyChecking { get; init; } = "ask";

    public bool BatchMode { get; init; }
}

/// <summary>An address known_hosts recorded for the name connected to, or for the key the server proved.</summary>
public sealed record RecordedAddress(IPAddress Address, string HostPatterns, string KeyType, string Fingerprint, string Location);

/// <summary>The address connected to now, and the addresses known_hosts recorded for the name or the key (CheckHostIP lines).</summary>
public sealed record AddressesRecorded(ProbeSubject Subject, string? Hop, string Host, IPAddress Connected, IReadOnlyList<RecordedAddress> Recorded, KnownHostsStatus Status) : Observation(Subject, Hop);
