using System.Globalization;
using SshDoctor.Diagnosis;
using SshDoctor.Ssh;

namespace SshDoctor.Probing;

/// <summary>auth.* from the methods list and the key queries.</summary>
internal static class AuthFindings
{
    public static List<Diagnosis.Diagnosis> From(ProbeTarget target, string? hop, IReadOnlyList<string> methods, CandidateKeySet candidates, IReadOnlyList<KeyVerdict> verdicts, int maxAuthTries, bool maxAuthTriesKnown)
    {
        var result = new List<Diagnosis.Diagnosis>();
        var methodsText = ProbeEvidence.Seen($"the server allows: {(methods.Count == 0 ? "(nothing)" : RemoteText.Names(methods))} (answer to 'none' for {target.User})");
        var allowsPassword = methods.Contains("password") || methods.Contains("keyboard-interactive");
        if (!methods.Contains("publickey"))
        {
            if (target.PubkeyAuthentication || candidates.Keys.Count > 0)
            {
                result.Add(ProbeEvidence.Create(DiagnosisIds.AuthPublicKeyDisabled, Certainty.Proven, target, hop, [methodsText, .. KeyList(candidates)]));
            }

            return result;
        }

        if (candidates.Keys.Count == 0)
        {
            if (!allowsPassword)
            {
                result.Add(ProbeEvidence.Create(DiagnosisIds.AuthPasswordDisabled, Certainty.Proven, target, hop,
                    [methodsText, ProbeEvidence.Local("no key to offer: " + NoKeysReason(target, candidates))]));
            }

            return result;
        }

        var accepted = verdicts.FirstOrDefault(v => v.Result == KeyQueryResult.Accepted);
        var rejectedBefore = verdicts.TakeWhile(v => v.Result != KeyQueryResult.Accepted).Count(v => v.Result == KeyQueryResult.Rejected);
        var evidence = verdicts.Select(v => ProbeEvidence.Seen($"{v.Key} → {Word(v.Result)}{(v.Detail.Length == 0 ? "" : $" ({v.Detail})")}")).ToList();
        var tooMany = (accepted is not null && rejectedBefore >= maxAuthTries) || (accepted is null && candidates.Keys.Count >= maxAuthTries);
        if (accepted is null)
        {
            var firstFile = candidates.Keys.FirstOrDefault(k => k.PrivateKeyFile is not null)?.PrivateKeyFile ?? (target.IdentityFiles.Count > 0 ? target.IdentityFiles[0] : null);
            var now = DateTimeOffset.UtcNow;
            var certificates = verdicts.Where(v => v.Result == KeyQueryResult.Rejected && v.Key.Certificate is not null).ToList();
            var certificateEvidence = certificates.Select(v => ProbeEvidence.Local("certificate " + UserCertificateCheck.Describe(v.Key, target.User, now)));
            var firstCertificate = certificates.FirstOrDefault()?.Key;

            // Proven only when the server answered a query with a refusal; keys never asked (the connection ended) prove nothing.
            var certainty = verdicts.Any(v => v.Result == KeyQueryResult.Rejected) ? Certainty.Proven : Certainty.Possible;
            var notAuthorized = ProbeEvidence.Create(DiagnosisIds.AuthPublicKeyNotAuthorized, certainty, target, hop,
                [methodsText, .. evidence, .. certificateEvidence, .. KeyList(candidates)], ("key", firstFile),
                ("certificate", firstCertificate?.CertificateFile ?? firstCertificate?.Identity),
                ("certificate_problem", firstCertificate is null ? null : string.Join("; ", UserCertificateCheck.Problems(firstCertificate.Certificate!, target.User, now)))) with
            {
                // An unknown user, AllowUsers/DenyUsers, a bad shell and StrictModes make sshd refuse every key the same way
                // (so does Dropbear -w for root).
                Alternatives = [DiagnosisIds.AuthWrongUser, DiagnosisIds.AuthNotAllowed, DiagnosisIds.AuthPublicKeyServerModes, .. target.User == "root" ? (string[])[DiagnosisIds.AuthRootRefused] : []],
            };
            result.Add(notAuthorized);
        }

        if (tooMany)
        {
            var position = accepted is null ? "" : $"the accepted key {accepted.Key.Identity} comes after {rejectedBefore} rejected keys; ";
            result.Add(ProbeEvidence.Create(DiagnosisIds.AuthTooManyFailures, maxAuthTriesKnown && accepted is not null ? Certainty.Proven : Certainty.Likely, target, hop,
                [
                    ProbeEvidence.Seen(position + $"the server disconnects after {maxAuthTries} failures (MaxAuthTries{(maxAuthTriesKnown ? ", seen" : ", OpenSSH default assumed")})"),
                    ProbeEvidence.Local($"ssh offers {candidates.Keys.Count} keys ({candidates.AgentKeyCount} in the agent) in this order: {string.Join("; ", candidates.Keys.Select(k => k.Identity))}"),
                ],
                // A file only: an agent key's comment is not a path (ssh -i good would be wrong).
                ("key", accepted?.Key.PrivateKeyFile),
                ("accepted_key", accepted?.Key.PrivateKeyFile),
                ("agent_key", accepted is { Key.PrivateKeyFile: null } agentOnly ? agentOnly.Key.Identity : null)) with
            { Rank = 1 });
        }

        return result;
    }

    private static IEnumerable<Evidence> KeyList(CandidateKeySet candidates)
    {
        foreach (var missing in candidates.MissingExplicitFiles)
        {
            yield return ProbeEvidence.Local($"identity file {missing} does not exist");
        }

        yield return ProbeEvidence.Local(candidates.Keys.Count == 0
            ? "local keys: none"
            : $"local keys ({candidates.Keys.Count.ToString(CultureInfo.InvariantCulture)}): {string.Join("; ", candidates.Keys.Select(k => k.ToString() + (k.Encrypted ? " (passphrase-protected)" : "")))}");
    }

    private static string NoKeysReason(ProbeTarget target, CandidateKeySet candidates) =>
        $"agent: {candidates.AgentDetail}; identity files: {(target.IdentityFiles.Count == 0 ? "none" : string.Join(", ", target.IdentityFiles))} (none exists)";

    private static string Word(KeyQueryResult result) => result switch
    {
        KeyQueryResult.Accepted => "accepted (PK_OK)",
        KeyQueryResult.Rejected => "rejected",
        _ => "not asked",
    };
}
