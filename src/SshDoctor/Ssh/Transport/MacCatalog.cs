using System.Security.Cryptography;
using SshDoctor.Ssh.Crypto;

namespace SshDoctor.Ssh.Transport;

/// <summary>Key sizes and hash functions of each supported MAC.</summary>
internal static class MacCatalog
{
    public static bool IsEncryptThenMac(string name) => name.EndsWith("-etm@openssh.com", StringComparison.Ordinal);

    public static int KeySize(string name) => Hash(name) switch
    {
        var h when h == HashAlgorithmName.SHA1 => 20,
        var h when h == HashAlgorithmName.SHA256 => 32,
        _ => 64,
    };

    public static SshMac Create(string name, byte[] key) => new(Hash(name), key);

    private static HashAlgorithmName Hash(string name) => name switch
    {
        "hmac-sha1" or "hmac-sha1-etm@openssh.com" => HashAlgorithmName.SHA1,
        "hmac-sha2-256" or "hmac-sha2-256-etm@openssh.com" => HashAlgorithmName.SHA256,
        "hmac-sha2-512" or "hmac-sha2-512-etm@openssh.com" => HashAlgorithmName.SHA512,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unsupported MAC"),
    };
}
