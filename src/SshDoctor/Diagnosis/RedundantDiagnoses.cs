namespace SshDoctor.Diagnosis;

/// <summary>
/// Tells, while the rules' diagnoses are collected, which ones cannot change what <see cref="DiagnosisEngine.Merge"/> makes of
/// them: a log of 500,000 failed logins gives 500,000 alike diagnoses, of which the merge keeps twelve lines of evidence.
/// A diagnosis is left out when earlier ones of the same id, hop, certainty and rank (which the merge's stable order
/// puts before it) already hold the evidence kept, every value name it has and every alternative it names.
/// </summary>
internal sealed class RedundantDiagnoses
{
    private readonly Dictionary<(string Id, string? Hop, Certainty Certainty, int Rank), Seen> _groups = [];

    /// <summary>False when <paramref name="d"/> would add nothing to the merge; else true, and it is remembered.</summary>
    public bool Adds(Diagnosis d)
    {
        var key = (d.Id, d.Hop, d.Certainty, d.Rank);
        if (!_groups.TryGetValue(key, out var seen))
        {
            seen = new Seen();
            _groups[key] = seen;
        }

        if (seen.Evidence.Count >= DiagnosisEngine.EvidenceKept
            && d.Values.Keys.All(seen.ValueNames.Contains)
            && d.Alternatives.All(seen.Alternatives.Contains))
        {
            return false;
        }

        foreach (var e in d.Evidence)
        {
            seen.Evidence.Add((e.Where, e.Text));
        }

        seen.ValueNames.UnionWith(d.Values.Keys);
        seen.Alternatives.UnionWith(d.Alternatives);
        return true;
    }

    private sealed class Seen
    {
        public HashSet<(string? Where, string Text)> Evidence { get; } = [];

        public HashSet<string> ValueNames { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Alternatives { get; } = new(StringComparer.Ordinal);
    }
}
