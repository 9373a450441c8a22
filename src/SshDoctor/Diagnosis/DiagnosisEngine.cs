using SshDoctor.Diagnosis.Observations;
using SshDoctor.Diagnosis.Rules;

namespace SshDoctor.Diagnosis;

/// <summary>
/// The one place observations become diagnoses, whatever produced them (the client's log, the server's log, the probe,
/// an audit): every rule of <see cref="RuleSet"/> over one <see cref="ObservationSet"/>; then one diagnosis per id
/// and hop with the strongest certainty (<see cref="Merge"/>), root cause first (<see cref="DiagnosisOrder"/>).
/// </summary>
public static class DiagnosisEngine
{
    /// <summary>Lines of evidence a merged diagnosis keeps.</summary>
    internal const int EvidenceKept = 12;

    /// <summary>
    /// Every rule's diagnoses in rule order, leaving out those that cannot change the merge; <paramref name="keepAll"/>
    /// for a caller that does not merge (an audit reports each weak key of many as a diagnosis of its own).
    /// </summary>
    public static List<Diagnosis> Evaluate(ObservationSet observations, bool keepAll = false)
    {
        var raw = new List<Diagnosis>();
        var redundant = new RedundantDiagnoses();
        foreach (var rule in RuleSet.All)
        {
            raw.AddRange(rule.Evaluate(observations).Where(d => keepAll || redundant.Adds(d)));
        }

        return raw;
    }

    /// <summary>
    /// One diagnosis per id and hop, whatever the sources (a log, the probe and each hop, the user's own ssh): the
    /// strongest certainty, the evidence of all, the first value of each name. <see cref="DiagnosisOrder"/> then puts
    /// the root cause first.
    /// </summary>
    public static List<Diagnosis> Merge(IEnumerable<Diagnosis> diagnoses)
    {
        var result = new List<Diagnosis>();
        foreach (var group in diagnoses.GroupBy(d => (d.Id, d.Hop)))
        {
            var ordered = group.OrderBy(d => (int)d.Certainty).ThenBy(d => d.Rank).ToList();
            var best = ordered[0];
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var d in ordered)
            {
                foreach (var (key, value) in d.Values)
                {
                    values.TryAdd(key, value);
                }
            }

            var evidence = ordered.SelectMany(d => d.Evidence)
                .DistinctBy(e => (e.Where, e.Text))
                .Take(EvidenceKept)
                .ToList();
            var alternatives = ordered.SelectMany(d => d.Alternatives).Distinct().Where(a => a != best.Id).ToList();
            result.Add(best with { Evidence = evidence, Values = values, Alternatives = alternatives });
        }

        // A possibility that another proven diagnosis rules out: when the server proved the cause, drop the guesses.
        var proven = result.Where(d => d.Certainty == Certainty.Proven).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return result
            .Select(d => d with { Alternatives = d.Alternatives.Where(a => !proven.Contains(a) || a == d.Id).ToList() })
            .ToList();
    }
}
