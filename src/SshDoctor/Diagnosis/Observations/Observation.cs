namespace SshDoctor.Diagnosis.Observations;

/// <summary>
/// A fact a probe stage saw, for the rules to judge: what (the record's type and fields), about which connection
/// (<see cref="Subject"/>; <see cref="Hop"/> null for the target, else the jump host as typed), and the evidence as seen,
/// each piece with its source and location. A stage records what it saw; which diagnosis that is, how certain and what
/// else it could be is decided by the rules (<see cref="Rules.RuleSet"/>), the same rules that judge a log.
/// </summary>
public abstract record Observation(ProbeSubject Subject, string? Hop)
{
    /// <summary>The diagnosis values every probe diagnosis carries (host, port, user), then <paramref name="more"/>, which win.</summary>
    public (string, string?)[] Values(params (string, string?)[] more) =>
    [
        ("host", Subject.Alias),
        ("port", Subject.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("user", Subject.User),
        .. more,
    ];

    /// <summary>A diagnosis of this observation, with the target's values and the hop.</summary>
    public Diagnosis Diagnose(string id, Certainty certainty, IEnumerable<Evidence> evidence, params (string, string?)[] values) =>
        Diagnosis.Create(id, certainty, evidence, Values(values)) with { Hop = Hop };

    public static Evidence Seen(string text) => new(EvidenceSource.Probe, text);

    public static Evidence Local(string text, string? where = null) => new(EvidenceSource.Local, text, where);
}
