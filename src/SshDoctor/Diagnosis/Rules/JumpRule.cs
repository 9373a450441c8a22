using SshDoctor.Diagnosis.Observations;
using static SshDoctor.Diagnosis.DiagnosisIds;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// ProxyJump: the jump host's own ssh failed (its lines are in the same output), or it could not open the forwarding
/// channel to the target (<c>channel 0: open failed: connect failed: ...</c>, <c>stdio forwarding failed</c>). The outer
/// ssh then only says <c>Connection closed by UNKNOWN port 65535</c>. Names the failing hop and why.
/// </summary>
public sealed class JumpRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [JumpHopFailed];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        foreach (var jump in evidence.Sessions.Where(s => s.Index > 0))
        {
            var failures = jump.Events.Where(e => e.IsFailure).ToList();
            if (failures.Count == 0)
            {
                continue;
            }

            var channel = jump.First(ClientChannelOpenFailed.Name);
            var reason = channel?[ClientChannelOpenFailed.Reason] ?? failures[^1].Message;
            var forwardingOnly = jump.Authenticated || failures.All(e => e.Kind is ClientChannelOpenFailed.Name or ClientStdioForwardingFailed.Name);
            var outer = jump.Parent ?? evidence.Sessions[0];
            var closedOuter = outer.Events.Where(e => e.Message.Contains("UNKNOWN port 65535", StringComparison.Ordinal)).Take(2);
            yield return Diagnosis.Create(
                JumpHopFailed,
                Certainty.Proven,
                failures.Take(5).Concat(closedOuter).Select(EvidenceOf.Line),
                ("hop", jump.Host ?? jump.Role),
                ("host", outer.Host),
                ("reason", reason),
                ("part", forwardingOnly ? "forwarding" : "login")) with
            {
                Hop = SignatureRule.HopName(evidence, jump.Index),
            };
        }

        // Windows OpenSSH could not start the ProxyCommand's program at all (CreateProcessW, posix_spawnp): no hop ran.
        foreach (var session in evidence.Sessions.Where(s => !s.Authenticated))
        {
            if (session.First(ClientProxySpawnFailed.Name) is { } spawn)
            {
                var lines = session.Events.Where(e => e.Kind is ClientProxyCommand.Name or ClientCreateprocessFailed.Name).Take(2).Append(spawn);
                yield return Diagnosis.Create(JumpHopFailed, Certainty.Proven, lines.Select(EvidenceOf.Line), ("hop", "ProxyCommand"), ("host", session.Host), ("reason", spawn[ClientProxySpawnFailed.Reason]), ("part", "login"));
            }
        }

        // The jump host's sshd says it could not reach the target.
        foreach (var e in evidence.ServerEvents.Where(e => e.DiagnosisId == JumpHopFailed))
        {
            yield return Diagnosis.Create(JumpHopFailed, Certainty.Proven, [EvidenceOf.Line(e)], ("reason", e.Message), ("target", e[AnyEvent.Target]));
        }

        // The probe: a hop it could not use, a ProxyCommand that failed before SSH got going.
        foreach (var o in evidence.Probed)
        {
            switch (o)
            {
                case HopUnusable hop:
                    yield return o.Diagnose(JumpHopFailed, Certainty.Proven, [Observation.Seen(hop.What)],
                        ("hop", hop.HopName), ("host", hop.Host), ("port", hop.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    break;
                case ProxyCommandFailed command:
                    var summary = $"the ProxyCommand '{command.CommandLine}' exited with status {command.ExitCode}" + (command.Said.Count > 0 ? ": " + string.Join(" / ", command.Said.Take(3)) : " and printed nothing");
                    yield return o.Diagnose(JumpHopFailed, Certainty.Proven, [Observation.Seen(summary)], ("hop", "ProxyCommand"), ("host", o.Subject.HostName));
                    break;
            }
        }
    }
}
