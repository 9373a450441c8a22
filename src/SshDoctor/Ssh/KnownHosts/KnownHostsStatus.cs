namespace SshDoctor.Ssh.KnownHosts;

/// <summary>OpenSSH's verdict on a host key (hostfile.c HostStatus).</summary>
public enum KnownHostsStatus
{
    /// <summary>An entry for the name holds exactly this key.</summary>
    Ok,

    /// <summary>Entries for the name exist but none holds this key (of any type): "REMOTE HOST IDENTIFICATION HAS CHANGED".</summary>
    Changed,

    /// <summary>No entry for the name.</summary>
    New,

    /// <summary>The key is listed under <c>@revoked</c> for the name.</summary>
    Revoked,
}
