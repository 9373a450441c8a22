using SshDoctor.Probing;

namespace SshDoctor.Scan;

/// <summary>How a scan runs: the per-host options (diagnose's, applied to every host) and the politeness limits.</summary>
public sealed record ScanSettings
{
    /// <summary>The options every host gets (-F, -i, -o, -l, -J, --known-hosts, --agent, --timeout); its Destination is replaced per host.</summary>
    public required DiagnoseRequest Template { get; init; }

    /// <summary>Hosts probed at once, across the whole scan.</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>Hosts probed at once within one target network (an IPv4 /24, an IPv6 /64, or one jump host).</summary>
    public int PerNetwork { get; init; } = 16;

    /// <summary>--keys: also ask which of the user's candidate keys each host accepts (queries only: no signature, no password).</summary>
    public bool Keys { get; init; }

    /// <summary>
    /// --all-host-keys: also fetch every other host key type the server offers (by re-exchange where the server allows
    /// one, else one connection per type, as ssh-keyscan does). Off by default: ssh checks only the one key it negotiates,
    /// and each extra connection counts toward OpenSSH's PerSourcePenalties and costs the scan time.
    /// </summary>
    public bool AllHostKeys { get; init; }

    /// <summary>The whole probe of one host, from ssh -G to the methods, ends by then.</summary>
    public TimeSpan PerHostTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The part of the inventory this process scans and the run it belongs to (--shard, --run); null: the whole inventory, a scan of its own.</summary>
    public History.ScanPart? Part { get; init; }

    /// <summary>The clock of the scan's times (started, finished, each host's snapshot); a test sets its own.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
