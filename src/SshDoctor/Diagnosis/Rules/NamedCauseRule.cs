using SshDoctor.Diagnosis.Observations;
using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// A cause the user names for a destination (<see cref="CauseNamed"/>) is a possible cause of it, its evidence the
/// command line, when it is one no check can show (<see cref="Produces"/>: the fixes planned on the user's word,
/// <c>FixConventionsTests</c> keeps the two lists equal); any other named id needs a finding.
/// </summary>
public sealed class NamedCauseRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [SessionBrokenPipe];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        foreach (var named in evidence.Observed<CauseNamed>().Where(n => Produces.Contains(n.Id)))
        {
            yield return named.Diagnose(named.Id, Certainty.Possible, [Observation.Local($"named on the command line: ssh-doctor fix {named.Id} {named.Subject.Alias}")]);
        }
    }
}
