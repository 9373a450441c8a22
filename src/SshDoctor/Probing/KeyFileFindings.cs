using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Diagnosis;

namespace SshDoctor.Probing;

/// <summary>
/// What the user's ssh would hit with its own key files after the server accepted the public half, which a public-key
/// query cannot show: a private key ssh ignores because of its permissions (authfile.c:sshkey_perm_ok), a <c>.pub</c> that is
/// not the public half of its private key (ssh offers the <c>.pub</c>, then "contents do not match public"), a key ssh
/// does not offer at all (PubkeyAcceptedAlgorithms). Proven for the key the server accepted, possible for the others.
/// </summary>
internal static class KeyFileFindings
{
    public static List<Diagnosis.Diagnosis> From(ProbeTarget target, string? hop, CandidateKeySet candidates, IReadOnlyList<KeyVerdict> verdicts)
    {
        var result = new List<Diagnosis.Diagnosis>();
        var accepted = verdicts.FirstOrDefault(v => v.Result == KeyQueryResult.Accepted)?.Key;
        foreach (var key in candidates.Keys.Where(k => k.Source == KeySource.File && k.PrivateKeyFile is not null))
        {
            var path = key.PrivateKeyFile!;
            var isAccepted = ReferenceEquals(key, accepted);
            var certainty = isAccepted ? Certainty.Proven : Certainty.Possible;
            var acceptedText = isAccepted ? [ProbeEvidence.Seen($"the server accepts {key}, but ssh cannot sign with it")] : Array.Empty<Evidence>();
            if (OperatingSystem.IsLinux() && NativeUnix.Stat(path, followLinks: true) is { Exists: true } status && PrivateKeyPermissionsCheck.SshIgnores(status, NativeUnix.GetUid()))
            {
                result.Add(ProbeEvidence.Create(DiagnosisIds.KeyPermissionsTooOpen, certainty, target, hop,
                    [ProbeEvidence.Local($"Permissions {status.ModeText} for '{path}' are too open: ssh ignores this private key", path), .. acceptedText],
                    ("key", path), ("mode", status.ModeText)));
            }

            // A certificate is signed for with the key it certifies; a plain key with itself.
            var offered = key.Certificate?.Key ?? key.PublicKey;
            if (CandidateKeyCollector.PrivatePublicHalf(path) is { } inside && !inside.SameKeyAs(offered.Blob.Span))
            {
                var (file, holds) = key.Certificate is null ? (path + ".pub", "holds") : (key.CertificateFile ?? path + "-cert.pub", "certifies");
                result.Add(ProbeEvidence.Create(DiagnosisIds.KeyMismatch, certainty, target, hop,
                    [ProbeEvidence.Local($"{file} {holds} {offered.KeyType} {offered.Fingerprint}, but {path} is the private half of {inside.KeyType} {inside.Fingerprint}", file), .. acceptedText],
                    ("key", path)));
            }
        }

        return result;
    }

    /// <summary>Keys ssh does not offer because no signature algorithm of theirs is in PubkeyAcceptedAlgorithms.</summary>
    public static List<Diagnosis.Diagnosis> Skipped(ProbeTarget target, string? hop, IEnumerable<CandidateKey> skipped) =>
    [
        .. skipped.Select(key => ProbeEvidence.Create(
            key.PublicKey.KeyType == "ssh-dss" ? DiagnosisIds.KeyWeak : DiagnosisIds.KeySignatureAlgorithm, Certainty.Proven, target, hop,
            [ProbeEvidence.Local($"your ssh skips {key}: {key.PublicKey.KeyType} is not in PubkeyAcceptedAlgorithms ({string.Join(',', target.PubkeyAcceptedAlgorithms ?? [])})")],
            ("key", key.PrivateKeyFile ?? key.Identity))),
    ];
}
