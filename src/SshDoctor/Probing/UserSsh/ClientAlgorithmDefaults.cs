namespace SshDoctor.Probing.UserSsh;

/// <summary>
/// OpenSSH's default client proposal per release (myproposal.h at each release tag, built with OpenSSL), used to
/// predict what the user's own ssh would offer when <c>ssh -G</c> cannot tell us.
/// </summary>
public static class ClientAlgorithmDefaults
{
    private const string Macs = "umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1";
    private const string CiphersCtrFirst = "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com";
    private const string KexModernDh = "diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256";
    private const string KexEc = "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521";
    private const string HostKeys85 = "ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-rsa-cert-v01@openssh.com,ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256,ssh-rsa";
    private const string HostKeys88 = "ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256";

    /// <summary>Each release where a default changed, oldest first.</summary>
    private static readonly (int Major, int Minor, string Kex, string HostKey, string Ciphers, string Macs)[] Table =
    [
        (7, 4, KexEc + ",diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group-exchange-sha1,diffie-hellman-group14-sha256,diffie-hellman-group14-sha1",
            "ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,ssh-ed25519-cert-v01@openssh.com,ssh-rsa-cert-v01@openssh.com,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,ssh-ed25519,rsa-sha2-512,rsa-sha2-256,ssh-rsa",
            CiphersCtrFirst + ",aes128-cbc,aes192-cbc,aes256-cbc", Macs),
        (7, 6, KexEc + ",diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group-exchange-sha1,diffie-hellman-group14-sha256,diffie-hellman-group14-sha1",
            "ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,ssh-ed25519-cert-v01@openssh.com,ssh-rsa-cert-v01@openssh.com,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,ssh-ed25519,rsa-sha2-512,rsa-sha2-256,ssh-rsa",
            CiphersCtrFirst, Macs),
        (8, 0, KexEc + "," + KexModernDh + ",diffie-hellman-group14-sha1",
            "ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,ssh-ed25519-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-rsa-cert-v01@openssh.com,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,ssh-ed25519,rsa-sha2-512,rsa-sha2-256,ssh-rsa",
            CiphersCtrFirst, Macs),
        (8, 2, KexEc + "," + KexModernDh,
            "ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,ssh-ed25519-cert-v01@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-rsa-cert-v01@openssh.com,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ecdsa-sha2-nistp256@openssh.com,ssh-ed25519,sk-ssh-ed25519@openssh.com,rsa-sha2-512,rsa-sha2-256,ssh-rsa",
            CiphersCtrFirst, Macs),
        (8, 5, KexEc + "," + KexModernDh, HostKeys85, CiphersCtrFirst, Macs),
        (8, 8, KexEc + "," + KexModernDh, HostKeys88, CiphersCtrFirst, Macs),
        (9, 0, "sntrup761x25519-sha512@openssh.com," + KexEc + "," + KexModernDh, HostKeys88, CiphersCtrFirst, Macs),
        (9, 9, "sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,mlkem768x25519-sha256," + KexEc + "," + KexModernDh, HostKeys88, CiphersCtrFirst, Macs),
        (10, 0, "mlkem768x25519-sha256,sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com," + KexEc + "," + KexModernDh, HostKeys88,
            "chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr", Macs),
    ];

    /// <summary>What every OpenSSH client can enable with <c>+</c> (ssh -Q), in the order worth suggesting for a legacy server.</summary>
    public static IReadOnlyList<string> LegacyKex { get; } = ["diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1", "diffie-hellman-group1-sha1"];

    public static IReadOnlyList<string> LegacyHostKey { get; } = ["ssh-rsa", "ssh-dss"];

    public static IReadOnlyList<string> LegacyCiphers { get; } = ["aes128-cbc", "aes192-cbc", "aes256-cbc", "3des-cbc"];

    public static IReadOnlyList<string> LegacyMacs { get; } = ["hmac-sha1", "hmac-sha1-96", "hmac-md5", "hmac-md5-96", "hmac-sha1-etm@openssh.com"];

    /// <summary>The defaults of the newest release not newer than <paramref name="version"/> (7.4 for anything older).</summary>
    public static UserClientAlgorithms For(ClientVersion version)
    {
        var row = Table[0];
        foreach (var entry in Table)
        {
            if (version.AtLeast(entry.Major, entry.Minor))
            {
                row = entry;
            }
        }

        return new UserClientAlgorithms(
            Split(row.Kex), Split(row.HostKey), Split(row.Ciphers), Split(row.Macs),
            $"OpenSSH {row.Major}.{row.Minor} defaults (for {version.Text})");
    }

    internal static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
