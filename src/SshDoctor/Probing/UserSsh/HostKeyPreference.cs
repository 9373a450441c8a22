using SshDoctor.Ssh.KnownHosts;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.Probing.UserSsh;

/// <summary>
/// The host key algorithm order the probe offers: like OpenSSH (sshconnect2.c:order_hostkeyalgs), types already in
/// known_hosts for this host first (every certificate algorithm when a <c>@cert-authority</c> entry matches the host),
/// then the user's HostKeyAlgorithms order, then anything else the probe knows (plain keys only: certificate
/// algorithms only where the user's ssh offers them); so the probe sees the same host key the user's ssh would.
/// A scan adds one tier after known_hosts: the key types its history recorded for the host, so a host known only to the
/// history is asked for the type it was compared by last time, and a change of that key is found.
/// </summary>
public static class HostKeyPreference
{
    /// <param name="recordedTypes">Key types (ssh-ed25519, ssh-rsa, …) to prefer after known_hosts' (scan: the history's); empty for diagnose.</param>
    public static IReadOnlyList<string> Order(ProbeTarget target, KnownHostsDatabase knownHosts, IReadOnlyCollection<string>? recordedTypes = null)
    {
        var entries = knownHosts.Find(target.KnownHostsName, target.Port);
        var knownTypes = entries
            .Where(e => e.Marker == KnownHostsMarker.None)
            .Select(e => e.KeyType)
            .Distinct()
            .ToList();
        var hasAuthority = entries.Any(e => e.Marker == KnownHostsMarker.CertAuthority);
        var supported = SupportedAlgorithms.HostKey;
        var userOrder = target.ClientAlgorithms.HostKey.Where(a => supported.Contains(a) || SupportedAlgorithms.HostCertificate.Contains(a)).ToList();
        var ordered = new List<string>();
        foreach (var algorithm in userOrder.Concat(supported))
        {
            var certificate = Ssh.HostKeys.SshCertificate.IsCertificateType(algorithm);
            // A certificate algorithm also counts as known when its plain type is (sshkey_type_plain).
            if (((certificate && hasAuthority) || knownTypes.Contains(KeyTypeOf(Ssh.HostKeys.SshCertificate.PlainType(algorithm)))) && !ordered.Contains(algorithm))
            {
                ordered.Add(algorithm);
            }
        }

        foreach (var algorithm in userOrder.Concat(supported))
        {
            if (recordedTypes is { Count: > 0 } && recordedTypes.Contains(KeyTypeOf(algorithm)) && !ordered.Contains(algorithm))
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

    /// <summary>The key type an algorithm signs with: the RSA signature algorithms are all ssh-rsa keys.</summary>
    public static string KeyTypeOf(string algorithm) => algorithm switch
    {
        "rsa-sha2-256" or "rsa-sha2-512" => "ssh-rsa",
        "rsa-sha2-256-cert-v01@openssh.com" or "rsa-sha2-512-cert-v01@openssh.com" => "ssh-rsa-cert-v01@openssh.com",
        _ => algorithm,
    };
}
