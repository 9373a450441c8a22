using SshDoctor.Diagnosis;
using SshDoctor.Ssh.Agent;

namespace SshDoctor.Probing;

/// <summary>
/// key.agent-unusable: an agent is configured (SSH_AUTH_SOCK, IdentityAgent, --agent) but does not answer as an agent:
/// a reply that breaks the protocol or its bounds (OpenSSH: 256 KiB, 2048 keys), a refusal, or silence.
/// </summary>
internal static class AgentFindings
{
    public static Diagnosis.Diagnosis? From(ProbeTarget target, string? hop, CandidateKeySet candidates)
    {
        if (candidates.UnusableAgent is not { } agent)
        {
            return null;
        }

        var what = agent.Status switch
        {
            AgentListStatus.TimedOut => $"did not answer the request for its keys ({agent.Detail}); ssh waits for its agent without a deadline, so it hangs there",
            AgentListStatus.Refused => $"refused to list its keys ({agent.Detail}); ssh carries on without the agent's keys",
            _ => $"answered with something that is not a key list ({agent.Detail}); ssh ignores such an agent and carries on without its keys",
        };
        return ProbeEvidence.Create(DiagnosisIds.KeyAgentUnusable, Certainty.Proven, target, hop,
            [ProbeEvidence.Local($"the agent at {target.AgentSocket} {what}")],
            ("agent", target.AgentSocket), ("problem", agent.Detail));
    }
}
