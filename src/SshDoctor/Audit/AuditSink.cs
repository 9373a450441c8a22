using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Diagnosis.Rules;

namespace SshDoctor.Audit;

/// <summary>Where a check writes what it saw. One sink per check run, so findings keep the check's area.</summary>
public sealed class AuditSink(string area, EvidenceSource source)
{
    private readonly List<Finding> _findings = [];
    private readonly List<AuditObservation> _observations = [];

    public string Area { get; } = area;

    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>What the check saw that OpenSSH would trip over, for the rules.</summary>
    public IReadOnlyList<AuditObservation> Observations => _observations;

    /// <summary>The rules' verdict on <see cref="Observations"/>.</summary>
    public IReadOnlyList<Diagnosis.Diagnosis> Diagnoses => DiagnosisEngine.Evaluate(ObservationSet.FromAudit(_observations), keepAll: true);

    public void Add(FindingSeverity severity, string code, string? where, params (string Key, string? Value)[] values) =>
        _findings.Add(new Finding(Area, severity, code, Values(values), where));

    /// <summary>
    /// A failure OpenSSH itself would hit, seen as <paramref name="evidence"/>: a problem finding and an observation
    /// for the rules (<see cref="AuditRule"/> names its diagnosis).
    /// </summary>
    public void Problem(string code, string? where, string evidence, params (string Key, string? Value)[] values) =>
        Problem(confirmed: true, code, where, evidence, values);

    /// <param name="confirmed">False when the check could not confirm it (<see cref="AuditObservation.Unconfirmed"/>).</param>
    public void Problem(bool confirmed, string code, string? where, string evidence, params (string Key, string? Value)[] values)
    {
        var seen = new AuditObservation(source, code, where, evidence, values, Unconfirmed: !confirmed);
        _observations.Add(seen);
        _findings.Add(new Finding(Area, FindingSeverity.Problem, code, Values(values), where, AuditRule.Judge(seen)?.Id));
    }

    private static Dictionary<string, string> Values((string Key, string? Value)[] values)
    {
        var dict = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (value is not null)
            {
                dict[key] = value;
            }
        }

        return dict;
    }
}
