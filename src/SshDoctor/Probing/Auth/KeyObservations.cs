using System.Globalization;
using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Observations;

namespace SshDoctor.Probing.Auth;

/// <summary>
/// What the auth stage saw, as observations: the methods and the answers to the key queries, an agent that does not
/// answer as one, the keys ssh skips, and each key file as ssh would use it (its permissions, whether its .pub or
/// certificate is its public half). The rules judge them (AuthFailureRule, TooManyFailuresRule, KeyFileRule).
/// </summary>
internal static class KeyObservations
{
    /// <summary>ssh's default identity files (readconf.c:fill_default_options); ssh -G lists them when nothing else is set.</summary>
    private static readonly HashSet<string> DefaultIdentityNames = new(StringComparer.Ordinal)
    {
        "id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk", "id_xmss", "id_dsa",
    };

    /// <summary>
    /// A key file the user named (-i, IdentityFile), not one of ssh's defaults: a fix may pin it with -i. A refused
    /// default key is no evidence that it is the right one.
    /// </summary>
    private static bool NamedByUser(string path) =>
        !(DefaultIdentityNames.Contains(Path.GetFileName(path)) && Path.GetFileName(Path.GetDirectoryName(path)) == ".ssh");

    public static List<Observation> Of(ProbeTarget target, string? hop, IReadOnlyList<string> methods, CandidateKeySet collected, CandidateKeySet candidates,
        IReadOnlyList<CandidateKey> skipped, IReadOnlyList<KeyVerdict> verdicts, int maxAuthTries, bool maxAuthTriesKnown, DateTimeOffset now)
    {
        var subject = target.Subject;
        var certificates = verdicts.Where(v => v.Result == KeyQueryResult.Rejected && v.Key.Certificate is not null).ToList();
        var firstCertificate = certificates.FirstOrDefault()?.Key;
        var observed = new List<Observation>
        {
            new KeysQueried(subject, hop)
            {
                Methods = methods,
                PubkeyAuthentication = target.PubkeyAuthentication,
                CandidateCount = candidates.Keys.Count,
                Answers = [.. verdicts.Select(v => new QueriedKey(v.Key.ToString(), Answer(v.Result), v.Detail, v.Key.Identity, v.Key.PrivateKeyFile))],
                KeyList = KeyList(candidates),
                NoKeysReason = $"agent: {candidates.AgentDetail}; identity files: {(target.IdentityFiles.Count == 0 ? "none" : string.Join(", ", target.IdentityFiles))} (none exists)",
                OfferOrder = $"ssh offers {candidates.Keys.Count} keys ({candidates.AgentKeyCount} in the agent) in this order: {string.Join("; ", candidates.Keys.Select(k => k.Identity))}",
                FirstKeyFile = candidates.Keys.Select(k => k.PrivateKeyFile).FirstOrDefault(f => f is not null && NamedByUser(f)) ?? target.IdentityFiles.FirstOrDefault(NamedByUser),
                CertificateChecks = [.. certificates.Select(v => Observation.Local("certificate " + UserCertificateCheck.Describe(v.Key, target.User, now)))],
                Certificate = firstCertificate?.CertificateFile ?? firstCertificate?.Identity,
                CertificateProblem = firstCertificate is null ? null : string.Join("; ", UserCertificateCheck.Problems(firstCertificate.Certificate!, target.User, now)),
                MaxAuthTries = maxAuthTries,
                MaxAuthTriesKnown = maxAuthTriesKnown,
            },
        };
        if (collected.UnusableAgent is { } agent)
        {
            observed.Add(new AgentUnusable(subject, hop, target.AgentSocket, agent.Status, agent.Detail));
        }

        observed.AddRange(skipped.Select(key => new KeySkipped(subject, hop, key.ToString(), key.PublicKey.KeyType, key.PrivateKeyFile ?? key.Identity, target.PubkeyAcceptedAlgorithms ?? [])));
        var accepted = verdicts.FirstOrDefault(v => v.Result == KeyQueryResult.Accepted)?.Key;
        foreach (var key in candidates.Keys.Where(k => k.Source == KeySource.File && k.PrivateKeyFile is not null))
        {
            var path = key.PrivateKeyFile!;
            var tooOpen = OperatingSystem.IsLinux() && NativeUnix.Stat(path, followLinks: true) is { Exists: true } status && PrivateKeyPermissionsCheck.SshIgnores(status, NativeUnix.GetUid())
                ? status.ModeText
                : null;

            // A certificate is signed for with the key it certifies; a plain key with itself.
            var offered = key.Certificate?.Key ?? key.PublicKey;
            string? mismatch = null, mismatchFile = null;
            if (CandidateKeyCollector.PrivatePublicHalf(path) is { } inside && !inside.SameKeyAs(offered.Blob.Span))
            {
                var (file, holds) = key.Certificate is null ? (path + ".pub", "holds") : (key.CertificateFile ?? path + "-cert.pub", "certifies");
                mismatch = $"{file} {holds} {offered.KeyType} {offered.Fingerprint}, but {path} is the private half of {inside.KeyType} {inside.Fingerprint}";
                mismatchFile = file;
            }

            if (tooOpen is not null || mismatch is not null)
            {
                observed.Add(new KeyFileChecked(subject, hop, path, key.ToString(), ReferenceEquals(key, accepted), tooOpen, mismatch, mismatchFile));
            }
        }

        return observed;
    }

    private static KeyAnswer Answer(KeyQueryResult result) => result switch
    {
        KeyQueryResult.Accepted => KeyAnswer.Accepted,
        KeyQueryResult.Rejected => KeyAnswer.Rejected,
        _ => KeyAnswer.NotAsked,
    };

    private static List<Evidence> KeyList(CandidateKeySet candidates) =>
    [
        .. candidates.MissingExplicitFiles.Select(missing => Observation.Local($"identity file {missing} does not exist")),
        Observation.Local(candidates.Keys.Count == 0
            ? "local keys: none"
            : $"local keys ({candidates.Keys.Count.ToString(CultureInfo.InvariantCulture)}): {string.Join("; ", candidates.Keys.Select(k => k.ToString() + (k.Encrypted ? " (passphrase-protected)" : "")))}"),
    ];
}
