using SshDoctor.Diagnosis;

namespace SshDoctor.Probing;

/// <summary>Shorthands for the probe's evidence and the values every probe diagnosis carries.</summary>
internal static class ProbeEvidence
{
    public static Evidence Seen(string text) => new(EvidenceSource.Probe, text);

    public static Evidence Local(string text, string? where = null) => new(EvidenceSource.Local, text, where);

    public static (string, string?)[] TargetValues(ProbeTarget target, params (string, string?)[] more) =>
    [
        ("host", target.Alias),
        ("port", target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("user", target.User),
        .. more,
    ];

    public static Diagnosis.Diagnosis Create(string id, Certainty certainty, ProbeTarget target, string? hop, IEnumerable<Evidence> evidence, params (string, string?)[] values) =>
        Diagnosis.Diagnosis.Create(id, certainty, evidence, TargetValues(target, values)) with { Hop = hop };
}
