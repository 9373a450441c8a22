namespace SshDoctor.Diagnosis;

/// <summary>
/// A named problem with the evidence for it. <see cref="Values"/> carries what the evidence showed
/// (host, port, user, key, file, line, algorithm...) so the catalogue's fix templates can be filled in.
/// </summary>
/// <param name="Rank">Orders diagnoses of the same stage and certainty: lower is more likely the root cause.</param>
public sealed record Diagnosis(
    string Id,
    Certainty Certainty,
    IReadOnlyList<Evidence> Evidence,
    IReadOnlyDictionary<string, string> Values,
    int Rank = 0)
{
    public Stage Stage => DiagnosisIds.StageOf(Id);

    /// <summary>The jump-host chain index this diagnosis is about: 0 is the target, 1 the first hop... null when not a ProxyJump.</summary>
    public string? Hop { get; init; }

    /// <summary>Other diagnoses this one was ranked against, when the evidence cannot tell them apart.</summary>
    public IReadOnlyList<string> Alternatives { get; init; } = [];

    /// <summary>Builds a diagnosis, keeping only the values that are known.</summary>
    public static Diagnosis Create(string id, Certainty certainty, IEnumerable<Evidence> evidence, params (string Key, string? Value)[] values)
    {
        var dict = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (!string.IsNullOrEmpty(value))
            {
                dict[key] = value;
            }
        }

        return new Diagnosis(id, certainty, evidence.ToList(), dict);
    }
}
