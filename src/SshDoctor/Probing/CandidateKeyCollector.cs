using SshDoctor.Ssh.Agent;
using SshDoctor.Ssh.HostKeys;

namespace SshDoctor.Probing;

/// <summary>
/// The keys the user's ssh would offer and their order (sshconnect2.c:pubkey_prepare): agent keys that match an
/// IdentityFile (in IdentityFile order), then the agent's other keys unless IdentitiesOnly, then the remaining files.
/// Only public halves are read: <c>FILE.pub</c> (as ssh: even when it does not match FILE), else the public part of an openssh-key-v1 file.
/// </summary>
public static class CandidateKeyCollector
{
    private static readonly string[] DefaultNames = ["id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk", "id_xmss", "id_dsa", "id_mldsa44_ed25519"];

    public static async Task<CandidateKeySet> CollectAsync(ProbeTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var agent = target.AgentSocket is null
            ? new AgentListResult(AgentListStatus.NotConfigured, [], "no agent (IdentityAgent none or SSH_AUTH_SOCK unset)")
            : await AgentClient.ListIdentitiesAsync(target.AgentSocket, timeout, cancellationToken);
        return Collect(target, agent.Identities, agent.Detail);
    }

    public static CandidateKeySet Collect(ProbeTarget target, IReadOnlyList<AgentIdentity> agentIdentities, string agentDetail)
    {
        var files = new List<(string Path, SshPublicKey? Key, bool Encrypted)>();
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
        }

        var ordered = new List<CandidateKey>();
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
                ordered.Add(new CandidateKey(file.Path, file.Key!, KeySource.File, file.Path) { Encrypted = file.Encrypted });
            }
        }

        return new CandidateKeySet(ordered, missing, agentDetail) { AgentKeyCount = agentIdentities.Count };
    }

    private static bool IsDefaultPath(string path) =>
        DefaultNames.Contains(Path.GetFileName(path)) && Path.GetFileName(Path.GetDirectoryName(path)) == ".ssh";

    /// <summary>Reads FILE.pub, else the public part of the private file. Never needs the passphrase.</summary>
    internal static (SshPublicKey? Key, bool Encrypted, bool Exists) ReadPublicHalf(string path)
    {
        var privateExists = File.Exists(path);
        bool? encrypted = null;
        SshPublicKey? fromPrivate = null;
        if (privateExists)
        {
            try
            {
                if (new FileInfo(path).Length < 64 * 1024 && OpenSshKeyFile.TryReadPublic(File.ReadAllText(path)) is { } pair)
                {
                    fromPrivate = SshPublicKey.TryParse(pair.PublicBlob);
                    encrypted = pair.Encrypted;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Unreadable private key: the .pub may still tell us the key.
            }
        }

        SshPublicKey? fromPub = null;
        try
        {
            if (File.Exists(path + ".pub"))
            {
                fromPub = SshPublicKey.TryParseOpenSshLine(File.ReadAllText(path + ".pub").Trim());
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No usable .pub.
        }

        // ssh needs the private file to exist to offer a key from IdentityFile, and offers FILE.pub when there is one
        // (authfile.c:sshkey_load_public), even when it is not the public half of FILE.
        return privateExists ? (fromPub ?? fromPrivate, encrypted ?? false, true) : (null, false, false);
    }

    /// <summary>The public half stored inside an openssh-key-v1 private key file, or null (missing, unreadable, another format).</summary>
    internal static SshPublicKey? PrivatePublicHalf(string path)
    {
        try
        {
            return File.Exists(path) && new FileInfo(path).Length < 64 * 1024 && OpenSshKeyFile.TryReadPublic(File.ReadAllText(path)) is { } pair
                ? SshPublicKey.TryParse(pair.PublicBlob)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
