using SshDoctor.Files;
using SshDoctor.Ssh.Agent;
using SshDoctor.Ssh.HostKeys;

namespace SshDoctor.Probing.Auth;

/// <summary>
/// The keys the user's ssh would offer and their order (sshconnect2.c:pubkey_prepare): agent keys that match an
/// IdentityFile (in IdentityFile order), then the agent's other keys unless IdentitiesOnly, then the remaining files.
/// Certificates (PROTOCOL.certkeys) are candidates as in ssh: every CertificateFile first; without CertificateFile,
/// <c>IdentityFile-cert.pub</c> right after its key (ssh.c:load_public_identity_files); the agent's certificates
/// like its keys. Only user certificates are offered.
/// Only public halves are read: <c>FILE.pub</c> (as ssh: even when it does not match FILE), else the public part of an openssh-key-v1 file.
/// </summary>
public static class CandidateKeyCollector
{
    /// <summary>Key and certificate files are a few KB; anything larger is not one.</summary>
    internal const int MaxKeyFileBytes = 64 * 1024;

    private static readonly string[] DefaultNames = ["id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk", "id_xmss", "id_dsa", "id_mldsa44_ed25519"];

    public static async Task<CandidateKeySet> CollectAsync(ProbeTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var agent = target.AgentSocket is null
            ? new AgentListResult(AgentListStatus.NotConfigured, [], "no agent (IdentityAgent none or SSH_AUTH_SOCK unset)")
            : await AgentClient.ListIdentitiesAsync(target.AgentSocket, timeout, cancellationToken);
        return Collect(target, agent.Identities, agent.Detail) with
        {
            UnusableAgent = agent.Status is AgentListStatus.ProtocolError or AgentListStatus.TimedOut or AgentListStatus.Refused ? agent : null,
        };
    }

    public static CandidateKeySet Collect(ProbeTarget target, IReadOnlyList<AgentIdentity> agentIdentities, string agentDetail)
    {
        var files = new List<(string Path, SshPublicKey? Key, bool Encrypted)>();
        var certificateFiles = new Dictionary<SshPublicKey, string>();
        var missing = new List<string>();
        var allDefaults = target.IdentityFiles.All(IsDefaultPath);
        foreach (var path in target.IdentityFiles.Distinct(StringComparer.Ordinal))
        {
            var (key, encrypted, exists) = ReadPublicHalf(path);
            if (!exists)
            {
                if (!allDefaults || !IsDefaultPath(path))
                {
                    missing.Add(path);
                }

                continue;
            }

            files.Add((path, key, encrypted));
            if (target.CertificateFiles.Count == 0 && ReadUserCertificate(path + "-cert.pub") is { } certificate)
            {
                files.Add((path, certificate, encrypted));
                certificateFiles[certificate] = path + "-cert.pub";
            }
        }

        var ordered = new List<CandidateKey>();
        foreach (var path in target.CertificateFiles.Distinct(StringComparer.Ordinal))
        {
            if (ReadUserCertificate(path) is { } certificate && !ordered.Any(k => k.PublicKey.SameKeyAs(certificate.Blob.Span)))
            {
                // ssh signs for it with any of its keys that has the same public key (sshconnect2.c:sign_and_send_pubkey).
                var owner = files.FirstOrDefault(f => f.Key is not null && f.Key.SameKeyAs(certificate.Certificate!.Key.Blob.Span));
                ordered.Add(new CandidateKey(path, certificate, KeySource.File, owner.Path)
                {
                    Encrypted = owner.Encrypted,
                    CertificateFile = path,
                    AgentHoldsKey = agentIdentities.Any(a => a.PublicKey.SameKeyAs(certificate.Certificate!.Key.Blob.Span)),
                });
            }
        }

        var usedAgent = new HashSet<int>();
        foreach (var file in files.Where(f => f.Key is not null))
        {
            var index = agentIdentities.ToList().FindIndex(a => a.PublicKey.SameKeyAs(file.Key!.Blob.Span));
            if (index >= 0 && usedAgent.Add(index))
            {
                ordered.Add(new CandidateKey(file.Path, agentIdentities[index].PublicKey, KeySource.Agent, file.Path) { Encrypted = file.Encrypted });
            }
        }

        if (!target.IdentitiesOnly)
        {
            for (var i = 0; i < agentIdentities.Count; i++)
            {
                if (!usedAgent.Contains(i))
                {
                    ordered.Add(new CandidateKey(agentIdentities[i].Comment, agentIdentities[i].PublicKey, KeySource.Agent, null));
                }
            }
        }

        foreach (var file in files.Where(f => f.Key is not null))
        {
            if (!ordered.Any(k => k.PublicKey.SameKeyAs(file.Key!.Blob.Span)))
            {
                ordered.Add(new CandidateKey(file.Path, file.Key!, KeySource.File, file.Path)
                {
                    Encrypted = file.Encrypted,
                    CertificateFile = certificateFiles.GetValueOrDefault(file.Key!),
                    AgentHoldsKey = file.Key!.Certificate is { } certificate && agentIdentities.Any(a => a.PublicKey.SameKeyAs(certificate.Key.Blob.Span)),
                });
            }
        }

        return new CandidateKeySet(ordered, missing, agentDetail) { AgentKeyCount = agentIdentities.Count };
    }

    /// <summary>Most other keys diagnose asks about when every key ssh offers is refused (each query is a failure sshd counts).</summary>
    public const int MaxOtherKeys = 8;

    /// <summary>
    /// The user's other keys: every <c>FILE.pub</c> in the ~/.ssh directory of ssh's identity files whose FILE exists
    /// (a key the user could name with -i), not among the keys ssh offers, in name order, at most <see cref="MaxOtherKeys"/>.
    /// </summary>
    public static IReadOnlyList<CandidateKey> OtherKeys(ProbeTarget target, CandidateKeySet offered)
    {
        var directory = target.IdentityFiles.Where(IsDefaultPath).Select(Path.GetDirectoryName).FirstOrDefault();
        if (directory is null || !Directory.Exists(directory))
        {
            return [];
        }

        var others = new List<CandidateKey>();
        foreach (var pub in Directory.EnumerateFiles(directory, "*.pub").Order(StringComparer.Ordinal))
        {
            var privateFile = pub[..^4];
            if (others.Count >= MaxOtherKeys || pub.EndsWith("-cert.pub", StringComparison.Ordinal) || !File.Exists(privateFile))
            {
                continue;
            }

            var (key, encrypted, _) = ReadPublicHalf(privateFile);
            if (key is null || key.Certificate is not null || offered.Keys.Any(k => k.PublicKey.SameKeyAs(key.Blob.Span)) || others.Any(k => k.PublicKey.SameKeyAs(key.Blob.Span)))
            {
                continue;
            }

            others.Add(new CandidateKey(privateFile, key, KeySource.File, privateFile) { Encrypted = encrypted });
        }

        return others;
    }

    /// <summary>A user certificate from a <c>.pub</c>-style file, or null (missing, not a certificate, a host certificate).</summary>
    internal static SshPublicKey? ReadUserCertificate(string path)
    {
        var key = BoundedFile.ReadWholeText(path, MaxKeyFileBytes) is { } text ? SshPublicKey.TryParseOpenSshLine(text.Trim()) : null;
        return key?.Certificate is { Type: SshCertificateType.User } ? key : null;
    }

    private static bool IsDefaultPath(string path) =>
        DefaultNames.Contains(Path.GetFileName(path)) && Path.GetFileName(Path.GetDirectoryName(path)) == ".ssh";

    /// <summary>Reads FILE.pub, else the public part of the private file. Never needs the passphrase.</summary>
    internal static (SshPublicKey? Key, bool Encrypted, bool Exists) ReadPublicHalf(string path)
    {
        // A FIFO, a device or an unreadable file "exists" as ssh sees it (it would try to open it) but yields no key.
        var read = BoundedFile.Read(path, MaxKeyFileBytes);
        var privateExists = read.Problem != FileReadProblem.Missing;
        bool? encrypted = null;
        SshPublicKey? fromPrivate = null;
        if (read is { Ok: true, Cut: false })
        {
            var text = read.Text;
            if (OpenSshKeyFile.TryReadPublic(text) is { } pair)
            {
                fromPrivate = SshPublicKey.TryParse(pair.PublicBlob);
                encrypted = pair.Encrypted;
            }
            else if (PrivateKeyFileLoader.IsPem(text))
            {
                // PEM keeps no public half outside the (possibly encrypted) private key; ssh reads the .pub then.
                encrypted = PrivateKeyFileLoader.IsEncryptedPem(text);
                var signer = encrypted.Value ? null : PrivateKeyFileLoader.TryLoad(text, path);
                fromPrivate = signer?.PublicKey;
                (signer as IDisposable)?.Dispose();
            }
        }

        var pubText = BoundedFile.ReadWholeText(path + ".pub", MaxKeyFileBytes);
        var fromPub = pubText is null ? null : SshPublicKey.TryParseOpenSshLine(pubText.Trim());

        // ssh needs the private file to exist to offer a key from IdentityFile, and offers FILE.pub when there is one
        // (authfile.c:sshkey_load_public), even when it is not the public half of FILE.
        return privateExists ? (fromPub ?? fromPrivate, encrypted ?? false, true) : (null, false, false);
    }

    /// <summary>The public half stored inside an openssh-key-v1 private key file, or null (missing, unreadable, another format).</summary>
    internal static SshPublicKey? PrivatePublicHalf(string path) =>
        BoundedFile.ReadWholeText(path, MaxKeyFileBytes) is { } text && OpenSshKeyFile.TryReadPublic(text) is { } pair
            ? SshPublicKey.TryParse(pair.PublicBlob)
            : null;
}
