using SshDoctor.Diagnosis.Observations;
using SshDoctor.Logs;
using SshDoctor.Ssh.Agent;
using static SshDoctor.Diagnosis.DiagnosisIds;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// What the user's ssh would hit with its own keys, which a public-key query cannot show: an agent that does not answer
/// as an agent, a key ssh does not offer (PubkeyAcceptedAlgorithms), a private key ssh ignores for its permissions
/// (authfile.c:sshkey_perm_ok), a .pub that is not the public half of its private key. Proven for the key the server
/// accepted, possible for the others.
/// </summary>
public sealed class KeyFileRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [KeyAgentUnusable, KeyWeak, KeySignatureAlgorithm, KeyPermissionsTooOpen, KeyMismatch, KeyWrongPassphrase];

    /// <summary>
    /// A terminal paste: ssh asks for a key's passphrase again only after a wrong one, so the same prompt twice before
    /// Permission denied is a passphrase that did not decrypt the key (the -v lines that say so are not in a plain paste).
    /// </summary>
    internal static IReadOnlyList<LogEvent> RepeatedPassphrasePrompts(ClientSession session) =>
        session.OfKind(ClientPassphrasePrompt.Name).GroupBy(e => e[ClientPassphrasePrompt.File]).FirstOrDefault(g => g.Count() >= 2)?.ToList() ?? [];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        foreach (var session in evidence.Sessions.Where(s => !s.Authenticated && s.Has(ClientPermissionDenied.Name) && !s.Events.Any(e => e.DiagnosisId == KeyWrongPassphrase)))
        {
            if (RepeatedPassphrasePrompts(session) is { Count: > 0 } prompts)
            {
                yield return Diagnosis.Create(KeyWrongPassphrase, Certainty.Likely, [.. prompts.Select(EvidenceOf.Line), EvidenceOf.Line(session.Last(ClientPermissionDenied.Name)!)],
                    ("file", prompts[0][ClientPassphrasePrompt.File]), ("key", prompts[0][ClientPassphrasePrompt.File])) with
                {
                    Hop = session.Index > 0 ? SignatureRule.HopName(evidence, session.Index) : null,
                };
            }
        }

        foreach (var agent in evidence.Observed<AgentUnusable>())
        {
            var what = agent.Status switch
            {
                AgentListStatus.TimedOut => $"did not answer the request for its keys ({agent.Detail}); ssh waits for its agent without a deadline, so it hangs there",
                AgentListStatus.Refused => $"refused to list its keys ({agent.Detail}); ssh carries on without the agent's keys",
                _ => $"answered with something that is not a key list ({agent.Detail}); ssh ignores such an agent and carries on without its keys",
            };
            yield return agent.Diagnose(KeyAgentUnusable, Certainty.Proven, [Observation.Local($"the agent at {agent.Socket} {what}")], ("agent", agent.Socket), ("problem", agent.Detail));
        }

        foreach (var skipped in evidence.Observed<KeySkipped>())
        {
            yield return skipped.Diagnose(IsDsa(skipped.KeyType) ? KeyWeak : KeySignatureAlgorithm, Certainty.Proven,
                [Observation.Local($"your ssh skips {skipped.Key}: {skipped.KeyType} is not in PubkeyAcceptedAlgorithms ({string.Join(',', skipped.AcceptedAlgorithms)})")],
                ("key", skipped.KeyFile));
        }

        foreach (var file in evidence.Observed<KeyFileChecked>())
        {
            var certainty = file.Accepted ? Certainty.Proven : Certainty.Possible;
            Evidence[] accepted = file.Accepted ? [Observation.Seen($"the server accepts {file.Key}, but ssh cannot sign with it")] : [];
            if (file.TooOpenMode is { } mode)
            {
                yield return file.Diagnose(KeyPermissionsTooOpen, certainty,
                    [Observation.Local($"Permissions {mode} for '{file.Path}' are too open: ssh ignores this private key", file.Path), .. accepted],
                    ("key", file.Path), ("mode", mode));
            }

            if (file.Mismatch is { } mismatch)
            {
                yield return file.Diagnose(KeyMismatch, certainty, [Observation.Local(mismatch, file.MismatchFile), .. accepted], ("key", file.Path));
            }
        }
    }

    /// <summary>A DSA key, as ssh-keygen and ssh name its type: weak, and off by default since OpenSSH 7.0.</summary>
    internal static bool IsDsa(string? type) =>
        type is not null && (type.Contains("dss", StringComparison.OrdinalIgnoreCase) || type.Equals("DSA", StringComparison.Ordinal));
}
