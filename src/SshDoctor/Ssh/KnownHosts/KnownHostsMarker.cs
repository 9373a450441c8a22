namespace SshDoctor.Ssh.KnownHosts;

/// <summary>The optional marker at the start of a known_hosts line.</summary>
public enum KnownHostsMarker
{
    None,

    /// <summary><c>@cert-authority</c>: the key is a CA for host certificates.</summary>
    CertAuthority,

    /// <summary><c>@revoked</c>: the key must never be accepted.</summary>
    Revoked,
}
