using SshDoctor.Ssh.Crypto;

namespace SshDoctor.Ssh.Transport;

/// <summary>Key and IV sizes of each supported cipher and how to build its packet protection.</summary>
internal static class CipherCatalog
{
    public static bool IsAead(string name) => name is "chacha20-poly1305@openssh.com" or "aes128-gcm@openssh.com" or "aes256-gcm@openssh.com";

    public static bool IsKnown(string name) => SupportedAlgorithms.Ciphers.Contains(name);

    public static (int KeySize, int IvSize) Sizes(string name) => name switch
    {
        "chacha20-poly1305@openssh.com" => (64, 0),
        "aes128-gcm@openssh.com" => (16, 12),
        "aes256-gcm@openssh.com" => (32, 12),
        "aes128-ctr" or "aes128-cbc" => (16, 16),
        "aes192-ctr" or "aes192-cbc" => (24, 16),
        "aes256-ctr" or "aes256-cbc" => (32, 16),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unsupported cipher"),
    };

    /// <summary>Builds one direction's protection from the derived key material.</summary>
    public static PacketProtection Create(string cipher, string? mac, byte[] key, byte[] iv, byte[]? macKey, bool encrypting) => cipher switch
    {
        "chacha20-poly1305@openssh.com" => new ChaChaPolyProtection(key),
        "aes128-gcm@openssh.com" or "aes256-gcm@openssh.com" => new AesGcmProtection(key, iv),
        "aes128-ctr" or "aes192-ctr" or "aes256-ctr" =>
            new BlockCipherProtection(new AesCtrMode(key, iv), MacCatalog.Create(mac!, macKey!), MacCatalog.IsEncryptThenMac(mac!)),
        "aes128-cbc" or "aes192-cbc" or "aes256-cbc" =>
            new BlockCipherProtection(new AesCbcMode(key, iv, encrypting), MacCatalog.Create(mac!, macKey!), MacCatalog.IsEncryptThenMac(mac!)),
        _ => throw new ArgumentOutOfRangeException(nameof(cipher), cipher, "unsupported cipher"),
    };
}
