namespace SshDoctor.Probing;

/// <summary>The keys ssh would offer, in order, plus what could not be used and why.</summary>
public sealed record CandidateKeySet(IReadOnlyList<CandidateKey> Keys, IReadOnlyList<string> MissingExplicitFiles, string AgentDetail)
{
    public int AgentKeyCount { get; init; }
}
