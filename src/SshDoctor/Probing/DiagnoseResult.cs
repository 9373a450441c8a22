using SshDoctor.Ssh;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.KnownHosts;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.Probing;

/// <summary>Everything one connection's probe saw (the target, or one jump host) and what it concluded.</summary>
public sealed class DiagnoseResult
{
    public required ProbeTarget Target { get; init; }

    /// <summary>Null for the target; the hop as typed for a jump host.</summary>
    public string? Hop { get; init; }

    public List<StageOutcome> Stages { get; } = [];

    public List<Diagnosis.Diagnosis> Diagnoses { get; } = [];

    public List<KeyVerdict> Keys { get; } = [];

    public IReadOnlyList<string> AllowedMethods { get; set; } = [];

    public ServerIdentification? Server { get; set; }

    public KexInitMessage? ServerKexInit { get; set; }

    public NegotiatedAlgorithms? Negotiated { get; set; }

    public SshPublicKey? HostKey { get; set; }

    public KnownHostsVerdict? KnownHosts { get; set; }

    /// <summary>How many TCP connections the probe opened to this server.</summary>
    public int Connections { get; set; }

    /// <summary>Round trips per probe stage, over every connection.</summary>
    public Dictionary<ProbeStage, int> RoundTrips { get; } = [];

    /// <summary>The server's MaxAuthTries when a disconnect revealed it.</summary>
    public int? InferredMaxAuthTries { get; set; }

    /// <summary>Jump hosts' own results, in chain order.</summary>
    public List<DiagnoseResult> Hops { get; } = [];

    public bool Failed => Stages.Any(s => s.Status == StageStatus.Failed) || Hops.Any(h => h.Failed);
}
