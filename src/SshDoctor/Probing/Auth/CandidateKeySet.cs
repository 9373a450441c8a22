namespace SshDoctor.Probing.Auth;

/// <summary>The keys ssh would offer, in order, plus what could not be used and why.</summary>
public sealed record CandidateKeySet(IReadOnlyList<CandidateKey> Keys, IReadOnlyList<string> MissingExplicitFiles, string AgentDetail)
{
    public int AgentKeyCount { get; init; }

    /// <summary>
    /// Why the agent could not be used although one is configured (it broke the protocol or a bound, or did not answer
    /// in time); null when it answered or none is configured. ssh ignores such an agent (or, when it is silent, waits for
    /// it forever).
    /// </summary>
    public Ssh.Agent.AgentListResult? UnusableAgent { get; init; }
}
