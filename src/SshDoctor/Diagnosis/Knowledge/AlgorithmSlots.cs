using SshDoctor.Ssh;
using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>
/// "no matching X": which kex.no-common-* each negotiated slot is, however it is named (the probe's
/// <see cref="AlgorithmSlot"/>, ssh's and sshd's words, PuTTY's, paramiko's, AsyncSSH's), and the ssh_config option
/// that widens it. One table for every source.
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

    /// <summary>The slot as ssh names it ("key exchange method"), PuTTY ("client-to-server cipher"), paramiko ("ciphers") or AsyncSSH ("encryption").</summary>
    public static string? IdFor(string? slot) => slot switch
    {
        "key exchange method" or "key exchange algorithm" or "key-exchange algorithm" or "kex algorithm" or "key exchange" or "kex" => KexNoCommonKex,
        "host key type" or "host key algorithm" or "host key" or "server host key" or "hostkey" => KexNoCommonHostKey,
        "cipher" or "client-to-server cipher" or "server-to-client cipher" or "ciphers" or "encryption" or "enc c->s" or "enc s->c" => KexNoCommonCipher,
        "MAC" or "client-to-server MAC" or "server-to-client MAC" or "macs" or "mac c->s" or "mac s->c" => KexNoCommonMac,
        _ => null,
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
