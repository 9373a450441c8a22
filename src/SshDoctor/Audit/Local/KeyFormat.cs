namespace SshDoctor.Audit.Local;

/// <summary>The container a private key is stored in. OpenSSH reads all but PuTTY's.</summary>
public enum KeyFormat
{
    OpenSsh,
    Pem,
    Pkcs8,
    PuTTY,
}
