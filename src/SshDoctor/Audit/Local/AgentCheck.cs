using System.Globalization;
using SshDoctor.Ssh.Agent;

namespace SshDoctor.Audit.Local;

/// <summary>
/// The agent ($SSH_AUTH_SOCK): reachable, how many keys. ssh offers the agent's keys and then the default identity files
/// (§2.2, §4.5), each refusal counting against the server's MaxAuthTries (default 6, §4.7): when the distinct keys
/// reach it, a server that accepts only one of the last keys disconnects first (auth.too-many-failures, possible).
/// </summary>
public sealed class AgentCheck : IAuditCheck<LocalContext>
{
    /// <summary>OpenSSH 9.x default IdentityFile order (readconf.c:fill_default_options).</summary>
    private static readonly string[] DefaultIdentities = ["id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk", "id_xmss", "id_dsa"];

    /// <summary>How long the agent may take to list its keys (it answers at once when it is alive).</summary>
    private static readonly TimeSpan AgentDeadline = TimeSpan.FromSeconds(2);

    public string Name => "agent";

    public string Area => "agent";

    public void Run(LocalContext context, AuditSink sink)
    {
        var socket = context.Environment("SSH_AUTH_SOCK");
        var listing = AgentClient.ListIdentitiesAsync(socket, AgentDeadline).GetAwaiter().GetResult();
        var agentKeys = listing.Identities.Select(i => Convert.ToBase64String(i.PublicKey.Blob.Span)).ToList();
        switch (listing.Status)
        {
            case AgentListStatus.NotConfigured:
                sink.Add(FindingSeverity.Info, "agent.none", null);
                break;
            case AgentListStatus.Listed:
                sink.Add(FindingSeverity.Info, "agent.keys", socket, ("socket", socket), ("count", agentKeys.Count.ToString(CultureInfo.InvariantCulture)));
                break;
            case AgentListStatus.Unreachable:
                sink.Add(FindingSeverity.Warning, "agent.unreachable", socket, ("socket", socket), ("error", listing.Detail));
                break;
            default:
                // Something listens but does not answer as an agent: ssh ignores it (or hangs on it when it is silent).
                sink.Problem("agent.unusable", socket,
                    $"the agent at {socket} gave no usable key list: {listing.Detail}",
                    ("socket", socket), ("agent", socket), ("error", listing.Detail));
                break;
        }

        var fileKeys = DefaultIdentities
            .Select(name => context.Keys.FirstOrDefault(k => k.Path == context.SshDirectory + "/" + name))
            .OfType<LocalKey>()
            .Select(k => k.Content?.PublicKey)
            .OfType<PublicKeyInfo>()
            .Select(k => Convert.ToBase64String(k.Blob))
            .ToList();
        var distinct = agentKeys.Concat(fileKeys).Distinct(StringComparer.Ordinal).Count();
        if (distinct >= context.MaxAuthTries)
        {
            sink.Problem("agent.too-many-keys", socket,
                $"{distinct} keys would be offered ({agentKeys.Count} in the agent, {fileKeys.Count} default key files); sshd's default MaxAuthTries is {context.MaxAuthTries}",
                ("count", distinct.ToString(CultureInfo.InvariantCulture)),
                ("max", context.MaxAuthTries.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
