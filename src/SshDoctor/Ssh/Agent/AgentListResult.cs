namespace SshDoctor.Ssh.Agent;

/// <summary>What listing the agent's identities produced.</summary>
public sealed record AgentListResult(AgentListStatus Status, IReadOnlyList<AgentIdentity> Identities, string Detail)
{
    /// <summary>Blobs in the answer that could not be read as keys (OpenSSH skips them too).</summary>
    public int SkippedKeys { get; init; }
}
