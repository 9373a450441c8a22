using SshDoctor.Diagnosis.Observations;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>Turns observations into diagnoses. A rule is a pure function of the evidence and never throws for odd input.</summary>
public interface IRule
{
    /// <summary>The diagnosis ids this rule can produce (the conventions test checks every id has a rule).</summary>
    IReadOnlyList<string> Produces { get; }

    IEnumerable<Diagnosis> Evaluate(ObservationSet evidence);
}
