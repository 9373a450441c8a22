
namespace SshDoctor.Reporting;

/// <summary>
/// <c>scan --json</c> (schema <c>ssh-doctor/1</c>, command <c>scan</c>): one report for the fleet; per host the same
/// <c>target</c>, <c>stages</c> and <c>diagnoses</c> as <c>diagnose --json</c>, plus what the scan adds. <c>--since</c>
/// and <c>--history</c> fill <c>scans</c>, <c>snapshots</c> and <c>changes</c> instead of <c>hosts</c>.
/// </summary>
public sealed class ScanReport
{
    public string Schema { get; init; } = "ssh-doctor/1";

    public string Command { get; init; } = "scan";

    /// <summary>"ok" when every host is ok, "problem" otherwise.</summary>
    public required string Status { get; init; }

    public string Language { get; init; } = "en";

    public string? Started { get; init; }

    public string? Finished { get; init; }

    /// <summary>The history database written or read, when there is one.</summary>
    public string? History { get; init; }

    /// <summary>False when the scan was stopped before every host was probed: <c>hosts</c> holds those done, and the history keeps the scan as incomplete.</summary>
    public bool Complete { get; init; } = true;

    /// <summary>The signal that stopped the scan (SIGINT, SIGTERM), when one did.</summary>
    public string? StoppedBy { get; init; }

    /// <summary>
    /// The host keys the scan fetched per host: <c>negotiated</c> (the default: the one key ssh would negotiate and check,
    /// one connection per host) or <c>all</c> (--all-host-keys: every type offered). Null for --since and --history,
    /// whose snapshots each list what their scan fetched.
    /// </summary>
    public string? HostKeysFetched { get; init; }

    /// <summary>The scan before this one in the history (changes are against each host's latest record, from it or earlier), when there is one.</summary>
    public ScanRecordReport? PreviousScan { get; init; }

    public ScanSummaryReport? Summary { get; init; }

    public IReadOnlyList<InventoryProblemReport> InventoryProblems { get; init; } = [];

    public IReadOnlyList<ScanHostReport>? Hosts { get; init; }

    public IReadOnlyList<ScanRecordReport>? Scans { get; init; }

    public IReadOnlyList<ScanSnapshotReport>? Snapshots { get; init; }

    public IReadOnlyList<HostChangeReport>? Changes { get; init; }
}

public sealed class ScanSummaryReport
{
    public int Hosts { get; init; }

    public int Ok { get; init; }

    public int Failed { get; init; }

    /// <summary>Inventory mentions of a destination already listed (each host is probed once).</summary>
    public int Duplicates { get; init; }

    /// <summary>Hosts of the inventory not probed because the scan was stopped.</summary>
    public int NotProbed { get; init; }

    /// <summary><c>--shard I/N</c>: the part of the inventory this scan probed (<see cref="Hosts"/> of <see cref="InventoryHosts"/>); null without it.</summary>
    public string? Shard { get; init; }

    /// <summary>The hosts of the whole (deduplicated) inventory, every shard's.</summary>
    public int InventoryHosts { get; init; }

    public double ElapsedSeconds { get; init; }

    public IReadOnlyList<CountReport> Outcomes { get; init; } = [];

    public IReadOnlyList<CountReport> Findings { get; init; } = [];

    public IReadOnlyList<CountReport> Changes { get; init; } = [];
}

/// <summary>How many hosts have an outcome, a finding or a change.</summary>
public sealed class CountReport
{
    public required string Name { get; init; }

    public required int Count { get; init; }
}

public sealed class InventoryProblemReport
{
    public required string Where { get; init; }

    public required string Message { get; init; }
}

public sealed class ScanHostReport
{
    public required string Destination { get; init; }

    /// <summary>Where the inventory named it: argument, FILE:LINE.</summary>
    public required string Source { get; init; }

    public string? Name { get; init; }

    /// <summary>ok, the diagnosis id diagnose reports first, or deadline.</summary>
    public required string Outcome { get; init; }

    public long ElapsedMs { get; init; }

    /// <summary>The TCP connections the scan opened to the host: the probe's; with --all-host-keys also one per host key type its connection could not give by re-exchange.</summary>
    public int Connections { get; init; }

    public IReadOnlyList<string> Addresses { get; init; } = [];

    public string? Banner { get; init; }

    public IReadOnlyList<AlgorithmListReport> Algorithms { get; init; } = [];

    public ScanHostKeyReport? HostKey { get; init; }

    /// <summary>The host key types the server offers (its KEXINIT's host key algorithms, RSA's signature algorithms as one ssh-rsa), whether fetched or not.</summary>
    public IReadOnlyList<string> HostKeyTypes { get; init; } = [];

    /// <summary>The host keys the scan fetched, one per type: the negotiated one, and with --all-host-keys every other type offered.</summary>
    public IReadOnlyList<ScanKeyReport> HostKeys { get; init; } = [];

    public IReadOnlyList<ScanFindingReport> Findings { get; init; } = [];

    public IReadOnlyList<HostChangeReport> Changes { get; init; } = [];

    /// <summary>--keys: the host's answer for each of your candidate keys (asked without a signature), in ssh's order.</summary>
    public IReadOnlyList<ScanUserKeyReport> Keys { get; init; } = [];

    public string? PreviousScan { get; init; }

    public TargetReport? Target { get; init; }

    public IReadOnlyList<StageReport> Stages { get; init; } = [];

    public IReadOnlyList<DiagnosisReport> Diagnoses { get; init; } = [];
}

/// <summary>A server's whole list for one slot (kex, hostkey, cipher, mac), in its order.</summary>
public sealed class AlgorithmListReport
{
    public required string Slot { get; init; }

    public IReadOnlyList<string> Server { get; init; } = [];

    public IReadOnlyList<string> Legacy { get; init; } = [];
}

public sealed class ScanHostKeyReport
{
    public string? Type { get; init; }

    public string? Fingerprint { get; init; }

    /// <summary>ok, new, changed, revoked.</summary>
    public string? KnownHosts { get; init; }

    public string? Weakness { get; init; }
}

/// <summary>One host key a server showed: its type and fingerprint.</summary>
public sealed class ScanKeyReport
{
    public required string Type { get; init; }

    public required string Fingerprint { get; init; }
}

public sealed class ScanFindingReport
{
    public required string Kind { get; init; }

    public required string Detail { get; init; }
}

public sealed class HostChangeReport
{
    public required string Host { get; init; }

    public required string Kind { get; init; }

    public string? Id { get; init; }

    public bool Downgrade { get; init; }

    public required string Before { get; init; }

    public required string After { get; init; }

    public required string PreviousScan { get; init; }

    public required string ThisScan { get; init; }
}

public sealed class ScanRecordReport
{
    public long Id { get; init; }

    public required string Started { get; init; }

    public string? Finished { get; init; }

    /// <summary>False for a scan that was stopped before it ended: what it recorded is still read.</summary>
    public bool Complete { get; init; }

    public int Hosts { get; init; }

    public int Recorded { get; init; }
}

public sealed class ScanSnapshotReport
{
    public long Scan { get; init; }

    public required string ScannedAt { get; init; }

    public bool ScanComplete { get; init; }

    public required string Host { get; init; }

    public required string Destination { get; init; }

    public required string Outcome { get; init; }

    public IReadOnlyList<string> Addresses { get; init; } = [];

    public string? Banner { get; init; }

    public ScanHostKeyReport? HostKey { get; init; }

    /// <summary>The host key types the server offered at that scan (its KEXINIT), whether fetched or not.</summary>
    public IReadOnlyList<string> HostKeyTypes { get; init; } = [];

    /// <summary>The host keys that scan fetched, one per type: only the negotiated one unless it ran with --all-host-keys.</summary>
    public IReadOnlyList<ScanKeyReport> HostKeys { get; init; } = [];

    public IReadOnlyList<AlgorithmListReport> Algorithms { get; init; } = [];

    /// <summary>That scan's --keys answers: which of your keys the host accepted; empty when it ran without --keys.</summary>
    public IReadOnlyList<ScanUserKeyReport> Keys { get; init; } = [];
}

/// <summary>scan --keys: one of your keys and what the host said about it.</summary>
public sealed class ScanUserKeyReport
{
    /// <summary>The key's file, or the agent's comment.</summary>
    public required string Identity { get; init; }

    public required string Type { get; init; }

    public required string Fingerprint { get; init; }

    /// <summary>accepted, rejected, or not-asked.</summary>
    public required string Result { get; init; }
}
