using System.Globalization;
using SshDoctor.Diagnosis;

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

    public string Name => "agent";

    public string Area => "agent";

    public IReadOnlyList<string> Produces { get; } = [DiagnosisIds.AuthTooManyFailures];

    public void Run(LocalContext context, AuditSink sink)
    {
        var socket = context.Environment("SSH_AUTH_SOCK");
        IReadOnlyList<PublicKeyInfo> agentKeys = [];
        if (string.IsNullOrEmpty(socket))
        {
            sink.Add(FindingSeverity.Info, "agent.none", null);
        }
        else
        {
            var keys = AgentClient.ListKeys(socket, out var error);
            if (keys is null)
            {
                sink.Add(FindingSeverity.Warning, "agent.unreachable", socket, ("socket", socket), ("error", error));
            }
            else
            {
                agentKeys = keys;
                sink.Add(FindingSeverity.Info, "agent.keys", socket, ("socket", socket), ("count", keys.Count.ToString(CultureInfo.InvariantCulture)));
            }
        }

        var fileKeys = DefaultIdentities
            .Select(name => context.Keys.FirstOrDefault(k => k.Path == context.SshDirectory + "/" + name))
            .OfType<LocalKey>()
            .Select(k => k.Content?.PublicKey)
            .OfType<PublicKeyInfo>()
            .ToList();
        var distinct = agentKeys.Concat(fileKeys).DistinctBy(k => Convert.ToBase64String(k.Blob)).Count();
        if (distinct >= context.MaxAuthTries)
        {
            sink.Problem(DiagnosisIds.AuthTooManyFailures, Certainty.Possible, "agent.too-many-keys", socket,
                $"{distinct} keys would be offered ({agentKeys.Count} in the agent, {fileKeys.Count} default key files); sshd's default MaxAuthTries is {context.MaxAuthTries}",
                ("count", distinct.ToString(CultureInfo.InvariantCulture)),
                ("max", context.MaxAuthTries.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
