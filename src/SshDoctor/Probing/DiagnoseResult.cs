using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Probing.Auth;
using SshDoctor.Ssh;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.KnownHosts;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.Probing;

/// <summary>Everything one connection's probe saw (the target, or one jump host), and the rules' verdict on it.</summary>
public sealed class DiagnoseResult
{
    public required ProbeTarget Target { get; init; }

    /// <summary>Null for the target; the hop as typed for a jump host.</summary>
    public string? Hop { get; init; }

    public List<StageOutcome> Stages { get; } = [];

    /// <summary>What the stages saw, in order: the rules judge it (<see cref="Diagnoses"/>).</summary>
    public List<Observation> Observations { get; } = [];

    /// <summary>Diagnoses of a failed ProxyCommand's stderr, read the way explain reads a log.</summary>
    public List<Diagnosis.Diagnosis> FromLogs { get; } = [];

    /// <summary>
    /// This connection's diagnoses: for the target what ssh -G said of its configuration, then the rules' verdict on
    /// what the stages saw, then what a failed ProxyCommand said.
    /// </summary>
    public IReadOnlyList<Diagnosis.Diagnosis> Diagnoses =>
        [.. Hop is null ? Target.ConfigDiagnoses : [], .. DiagnosisEngine.Evaluate(ObservationSet.FromProbe(Observations)), .. FromLogs];

    /// <summary>The rules' verdict on some of the observations (a stage's own, to word its status).</summary>
    public static List<Diagnosis.Diagnosis> Judge(IEnumerable<Observation> observations) => DiagnosisEngine.Evaluate(ObservationSet.FromProbe([.. observations]));

    /// <summary>This connection's diagnoses and every jump host's, merged as one report shows them.</summary>
    public IReadOnlyList<Diagnosis.Diagnosis> AllDiagnoses(IEnumerable<Diagnosis.Diagnosis>? fromSsh = null) =>
        DiagnosisEngine.Merge(Hops.SelectMany(h => h.Diagnoses).Concat(Diagnoses).Concat(fromSsh ?? []));

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
