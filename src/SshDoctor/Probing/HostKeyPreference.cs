using SshDoctor.Ssh.KnownHosts;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.Probing;

/// <summary>
/// The host key algorithm order the probe offers: like OpenSSH (sshconnect2.c:order_hostkeyalgs), types already in
/// known_hosts for this host first, then the user's HostKeyAlgorithms order, then anything else the probe knows;
/// so the probe sees the same host key the user's ssh would.
/// </summary>
public static class HostKeyPreference
{
    public static IReadOnlyList<string> Order(ProbeTarget target, KnownHostsDatabase knownHosts)
    {
        var knownTypes = knownHosts.Find(target.KnownHostsName, target.Port)
            .Where(e => e.Marker == KnownHostsMarker.None)
            .Select(e => e.KeyType)
            .Distinct()
            .ToList();
        var supported = SupportedAlgorithms.HostKey;
        var userOrder = target.ClientAlgorithms.HostKey.Where(supported.Contains).ToList();
        var ordered = new List<string>();
        foreach (var algorithm in userOrder.Concat(supported))
        {
            if (knownTypes.Contains(KeyTypeOf(algorithm)) && !ordered.Contains(algorithm))
            {
                ordered.Add(algorithm);
            }
        }

        foreach (var algorithm in userOrder.Concat(supported))
        {
            if (!ordered.Contains(algorithm))
            {
                ordered.Add(algorithm);
            }
        }

        return ordered;
    }

    private static string KeyTypeOf(string algorithm) => algorithm is "rsa-sha2-256" or "rsa-sha2-512" ? "ssh-rsa" : algorithm;
}
