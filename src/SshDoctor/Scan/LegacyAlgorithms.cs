namespace SshDoctor.Scan;

/// <summary>
/// Algorithms a server should no longer offer, per slot, with why: what OpenSSH has taken out of its defaults or
/// removed (SHA-1 signatures and key exchange, CBC and RC4 ciphers, MD5 and 96-bit MACs, DSA keys). What OpenSSH
/// still offers by default (umac-64, hmac-sha1) is not listed: every stock server would be flagged. One table;
/// the scan's "legacy algorithms offered" finding and the history's downgrade flag both read it.
/// </summary>
public static class LegacyAlgorithms
{
    private static readonly Dictionary<string, Dictionary<string, string>> Table = new(StringComparer.Ordinal)
    {
        ["kex"] = new(StringComparer.Ordinal)
        {
            ["diffie-hellman-group1-sha1"] = "1024-bit group, SHA-1 (disabled by default since OpenSSH 7.0)",
            ["diffie-hellman-group14-sha1"] = "SHA-1 exchange hash",
            ["diffie-hellman-group-exchange-sha1"] = "SHA-1 exchange hash",
            ["gss-group1-sha1-toWM5Slw5Ew8Mqkay+al2g=="] = "1024-bit group, SHA-1",
        },
        ["hostkey"] = new(StringComparer.Ordinal)
        {
            ["ssh-rsa"] = "RSA with SHA-1 signatures (disabled in OpenSSH 8.8)",
            ["ssh-dss"] = "DSA (disabled by default since OpenSSH 7.0)",
            ["ssh-rsa-cert-v01@openssh.com"] = "RSA certificate with SHA-1 signatures (disabled in OpenSSH 8.8)",
            ["ssh-dss-cert-v01@openssh.com"] = "DSA certificate (disabled by default since OpenSSH 7.0)",
        },
        ["cipher"] = new(StringComparer.Ordinal)
        {
            ["3des-cbc"] = "64-bit block cipher, CBC (Sweet32)",
            ["aes128-cbc"] = "CBC mode (plaintext recovery, CVE-2008-5161)",
            ["aes192-cbc"] = "CBC mode (plaintext recovery, CVE-2008-5161)",
            ["aes256-cbc"] = "CBC mode (plaintext recovery, CVE-2008-5161)",
            ["rijndael-cbc@lysator.liu.se"] = "CBC mode",
            ["blowfish-cbc"] = "64-bit block cipher, CBC",
            ["cast128-cbc"] = "64-bit block cipher, CBC",
            ["arcfour"] = "RC4",
            ["arcfour128"] = "RC4",
            ["arcfour256"] = "RC4",
            ["none"] = "no encryption",
        },
        ["mac"] = new(StringComparer.Ordinal)
        {
            ["hmac-md5"] = "MD5",
            ["hmac-md5-96"] = "MD5, 96-bit tag",
            ["hmac-md5-etm@openssh.com"] = "MD5",
            ["hmac-md5-96-etm@openssh.com"] = "MD5, 96-bit tag",
            ["hmac-sha1-96"] = "SHA-1, 96-bit tag",
            ["hmac-sha1-96-etm@openssh.com"] = "SHA-1, 96-bit tag",
            ["hmac-ripemd160"] = "RIPEMD-160 (removed from OpenSSH)",
            ["hmac-ripemd160@openssh.com"] = "RIPEMD-160 (removed from OpenSSH)",
            ["none"] = "no integrity",
        },
    };

    /// <summary>Why <paramref name="name"/> is legacy in <paramref name="slot"/> (kex, hostkey, cipher, mac), or null.</summary>
    public static string? Why(string slot, string name) =>
        Table.TryGetValue(slot, out var names) && names.TryGetValue(name, out var why) ? why : null;

    /// <summary>The legacy names a server offers, slot by slot, in its order.</summary>
    public static IEnumerable<(string Slot, string Name, string Why)> Offered(HostSnapshot snapshot) =>
        from slot in snapshot.Algorithms
        from name in slot.Names
        let why = Why(slot.Slot, name)
        where why is not null
        select (slot.Slot, name, why);
}
