namespace SshDoctor.Ssh.Transport;

/// <summary>Every algorithm name the probe implements, in its default order of preference.</summary>
public static class SupportedAlgorithms
{
    /// <summary>Pseudo-algorithm (RFC 8308) asking the server for EXT_INFO (server-sig-algs).</summary>
    public const string ExtInfoClient = "ext-info-c";

    /// <summary>Pseudo-algorithm (OpenSSH PROTOCOL §1.10) requesting strict key exchange (Terrapin counter-measure).</summary>
    public const string StrictKexClient = "kex-strict-c-v00@openssh.com";

    /// <summary>The server's strict-kex marker.</summary>
    public const string StrictKexServer = "kex-strict-s-v00@openssh.com";

    public static IReadOnlyList<string> Kex { get; } =
    [
        "curve25519-sha256", "curve25519-sha256@libssh.org",
        "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
        "diffie-hellman-group-exchange-sha256",
        "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512", "diffie-hellman-group14-sha256",
        "diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1", "diffie-hellman-group1-sha1",
    ];

    public static IReadOnlyList<string> HostKey { get; } =
    [
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa",
    ];

    /// <summary>
    /// Certificate host key algorithms (PROTOCOL.certkeys) the probe can verify. Offered only where the user's ssh
    /// would offer them (<see cref="Probing.UserSsh.HostKeyPreference"/>), not in the default list.
    /// </summary>
    public static IReadOnlyList<string> HostCertificate { get; } =
    [
        "ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
        "ecdsa-sha2-nistp521-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com",
        "ssh-rsa-cert-v01@openssh.com",
    ];

    public static IReadOnlyList<string> Ciphers { get; } =
    [
        "chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
        "aes128-ctr", "aes192-ctr", "aes256-ctr",
        "aes128-cbc", "aes192-cbc", "aes256-cbc",
    ];

    public static IReadOnlyList<string> Macs { get; } =
    [
        "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha1-etm@openssh.com",
        "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1",
    ];
}
