namespace SshDoctor.Ssh.HostKeys;

/// <summary>The certificate type field (PROTOCOL.certkeys): SSH2_CERT_TYPE_USER or SSH2_CERT_TYPE_HOST.</summary>
public enum SshCertificateType
{
    User = 1,
    Host = 2,
}
