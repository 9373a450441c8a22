using SshDoctor.Ssh;
using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>
/// "no matching X": which kex.no-common-* each negotiated slot is, however it is named (the probe's
/// <see cref="AlgorithmSlot"/>, ssh's and sshd's words, PuTTY's, paramiko's, AsyncSSH's), and the ssh_config option
/// that widens it, and the algorithm to enable. One table for every source.
/// </summary>
public static class AlgorithmSlots
{
    public static string? IdFor(AlgorithmSlot slot) => slot switch
    {
        AlgorithmSlot.Kex => KexNoCommonKex,
        AlgorithmSlot.HostKey => KexNoCommonHostKey,
        AlgorithmSlot.CipherClientToServer or AlgorithmSlot.CipherServerToClient => KexNoCommonCipher,
        AlgorithmSlot.MacClientToServer or AlgorithmSlot.MacServerToClient => KexNoCommonMac,
        _ => null,
    };

    /// <summary>
    /// The slot as ssh and sshd name it ("key exchange method", older "kex method"), PuTTY ("client-to-server cipher"),
    /// paramiko ("ciphers") or AsyncSSH ("encryption"), in any case.
    /// </summary>
    public static string? IdFor(string? slot) => slot is null ? null : IdFor(slot.AsSpan());

    /// <summary>What <see cref="IdFor(string)"/> says, on a span (the bulk log reader allocates nothing per line).</summary>
    public static string? IdFor(ReadOnlySpan<char> slot)
    {
        foreach (var (name, id) in Names)
        {
            if (slot.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>
    /// The algorithm to enable for one host: the strongest of the server's offer that OpenSSH still implements (legacy
    /// ones last), else the offer's first. The same for a log's "Their offer" and the probe's KEXINIT.
    /// </summary>
    public static string? Suggest(string id, IEnumerable<string> offer)
    {
        var offered = offer.ToList();
        return Preference[id].FirstOrDefault(offered.Contains) ?? offered.FirstOrDefault();
    }

    private static readonly (string Name, string Id)[] Names =
    [
        ("key exchange method", KexNoCommonKex), ("key exchange algorithm", KexNoCommonKex), ("key-exchange algorithm", KexNoCommonKex),
        ("kex algorithm", KexNoCommonKex), ("kex method", KexNoCommonKex), ("key exchange", KexNoCommonKex), ("kex", KexNoCommonKex),
        ("host key type", KexNoCommonHostKey), ("host key algorithm", KexNoCommonHostKey), ("host key", KexNoCommonHostKey),
        ("server host key", KexNoCommonHostKey), ("hostkey", KexNoCommonHostKey),
        ("cipher", KexNoCommonCipher), ("client-to-server cipher", KexNoCommonCipher), ("server-to-client cipher", KexNoCommonCipher),
        ("ciphers", KexNoCommonCipher), ("encryption", KexNoCommonCipher), ("enc c->s", KexNoCommonCipher), ("enc s->c", KexNoCommonCipher),
        ("MAC", KexNoCommonMac), ("client-to-server MAC", KexNoCommonMac), ("server-to-client MAC", KexNoCommonMac), ("macs", KexNoCommonMac),
        ("mac c->s", KexNoCommonMac), ("mac s->c", KexNoCommonMac),
    ];

    /// <summary>Strongest first; the legacy ones are those OpenSSH turned off by default (ClientAlgorithmDefaults' Legacy lists).</summary>
    private static readonly Dictionary<string, string[]> Preference = new(StringComparer.Ordinal)
    {
        [KexNoCommonKex] = ["diffie-hellman-group14-sha256", "diffie-hellman-group-exchange-sha256", "diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1", "diffie-hellman-group1-sha1"],
        [KexNoCommonHostKey] = ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "ssh-dss"],
        [KexNoCommonCipher] = ["aes256-ctr", "aes128-ctr", "aes256-cbc", "aes192-cbc", "aes128-cbc", "3des-cbc"],
        [KexNoCommonMac] = ["hmac-sha2-256", "hmac-sha2-512", "hmac-sha1", "hmac-sha1-96", "hmac-md5", "hmac-md5-96", "hmac-sha1-etm@openssh.com"],
    };

    public static string OptionFor(string id) => id switch
    {
        KexNoCommonKex => "KexAlgorithms",
        KexNoCommonHostKey => "HostKeyAlgorithms",
        KexNoCommonCipher => "Ciphers",
        _ => "MACs",
    };

    /// <summary>The slot in the probe's evidence ("server offers (ciphers): ...").</summary>
    public static string Name(AlgorithmSlot slot) => slot switch
    {
        AlgorithmSlot.Kex => "key exchange",
        AlgorithmSlot.HostKey => "host key",
        AlgorithmSlot.CipherClientToServer or AlgorithmSlot.CipherServerToClient => "ciphers",
        AlgorithmSlot.MacClientToServer or AlgorithmSlot.MacServerToClient => "MACs",
        _ => slot.ToString(),
    };
}
