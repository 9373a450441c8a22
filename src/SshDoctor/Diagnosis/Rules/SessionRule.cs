using SshDoctor.Explain;
using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// After authentication: a refused shell or command, a forwarding channel the server will not open, a connection that
/// died under an idle session. A channel refused on a jump host's ssh is a hop failure (<see cref="JumpRule"/>).
/// </summary>
public sealed class SessionRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [SessionShellDisabled, SessionChannelRefused, SessionBrokenPipe];

    public IEnumerable<Diagnosis> Evaluate(ExplainEvidence evidence)
    {
        foreach (var session in evidence.Sessions)
        {
            var hop = session.Index > 0 ? SignatureRule.HopName(evidence, session.Index) : null;
            var refused = session.Events.FirstOrDefault(e => e.Kind == "client.request-failed" && e["what"] is "shell" or "exec" or "subsystem");
            if (refused is not null)
            {
                yield return Diagnosis.Create(SessionShellDisabled, Certainty.Likely, [EvidenceOf.Line(refused)], ("host", session.Host), ("user", session.User)) with { Hop = hop };
            }

            var channel = session.First("client.channel-open-failed");
            if (channel is not null && !IsJumpForwarding(evidence, session))
            {
                yield return Diagnosis.Create(SessionChannelRefused, Certainty.Proven, [EvidenceOf.Line(channel)], ("reason", channel["reason"]), ("host", session.Host), ("user", session.User)) with { Hop = hop };
            }

            var closed = session.First("client.closed-by-remote-host");
            if (closed is not null && session.Authenticated && !session.Has("client.exit-status")
                && !session.Events.Any(e => e.DiagnosisId is SessionShellDisabled or SessionNoHome or SessionBrokenPipe))
            {
                yield return Diagnosis.Create(SessionBrokenPipe, Certainty.Possible, [EvidenceOf.Line(closed)], ("host", session.Host)) with { Hop = hop };
            }
        }

        foreach (var e in evidence.ServerEvents.Where(e => e.DiagnosisId == SessionChannelRefused))
        {
            yield return Diagnosis.Create(SessionChannelRefused, Certainty.Proven, [EvidenceOf.Line(e)], EvidenceOf.Values(e));
        }
    }

    /// <summary>The jump host's ssh opens the stdio-forward (-W) channel; its refusal means the hop failed.</summary>
    internal static bool IsJumpForwarding(ExplainEvidence evidence, ClientSession session) =>
        session.Index > 0 || session.Has("client.stdio-forwarding-failed") || session.Has("client.stdio-forward-channel")
        || (evidence.Sessions.Count > 1 && session.Index == 0 && session.ViaProxy && !session.Authenticated);
}
