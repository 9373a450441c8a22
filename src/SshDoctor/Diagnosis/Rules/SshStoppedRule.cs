using SshDoctor.Diagnosis.Observations;
using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// ssh stops before it connects: at a name it refuses on its command line (<c>config.invalid-name</c>: nothing is run
/// with the name), or at its configuration for a reason no signature knows yet (<c>config.bad-value</c>, for the reason
/// it printed). The messages ssh prints for both are <see cref="SignatureRule"/>'s; these are what the probe saw.
/// </summary>
public sealed class SshStoppedRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [ConfigInvalidName, ConfigBadValue];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        foreach (var refused in evidence.Observed<NameRefused>())
        {
            var invalid = Diagnosis.Create(ConfigInvalidName, Certainty.Proven,
                [Observation.Seen($"{refused.Message} (ssh's check of its command line)"), Observation.Seen($"{refused.What} as given: {refused.Name}")],
                ("host", refused.Subject.Alias), ("user", refused.Subject.User), ("name", refused.Name));
            yield return invalid with { Hop = refused.Hop };
        }

        foreach (var stopped in evidence.Observed<ConfigStopped>())
        {
            var badValue = Diagnosis.Create(ConfigBadValue, Certainty.Proven,
                [new Evidence(EvidenceSource.ClientLog, stopped.Error ?? "ssh -G failed", "ssh -G")], ("problem", stopped.Error));
            yield return badValue with { Hop = stopped.Hop };
        }
    }
}
