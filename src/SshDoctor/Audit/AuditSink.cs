using SshDoctor.Diagnosis;

namespace SshDoctor.Audit;

/// <summary>Where a check writes what it saw. One sink per check run, so findings keep the check's area.</summary>
public sealed class AuditSink(string area, EvidenceSource source)
{
    private readonly List<Finding> findings = [];
    private readonly List<Diagnosis.Diagnosis> diagnoses = [];

    public string Area { get; } = area;

    public IReadOnlyList<Finding> Findings => findings;

    public IReadOnlyList<Diagnosis.Diagnosis> Diagnoses => diagnoses;

    public void Add(FindingSeverity severity, string code, string? where, params (string Key, string? Value)[] values) =>
        findings.Add(new Finding(Area, severity, code, Values(values), where));

    /// <summary>A failure OpenSSH itself would hit: a finding and the diagnosis <paramref name="id"/> with the same evidence.</summary>
    public void Problem(string id, Certainty certainty, string code, string? where, string evidence, params (string Key, string? Value)[] values)
    {
        findings.Add(new Finding(Area, FindingSeverity.Problem, code, Values(values), where, id));
        diagnoses.Add(Diagnosis.Diagnosis.Create(id, certainty, [new Evidence(source, evidence, where)], values));
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
