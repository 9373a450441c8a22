using SshDoctor.Ssh.HostKeys;

namespace SshDoctor.IntegrationTests.Ssh.Infrastructure;

/// <summary>Key pairs made with ssh-keygen once per test run, shared by all tests (generation is the slow part).</summary>
internal static class TestKeys
{
    private static readonly Lazy<TempDirectory> Directory = new(() => new TempDirectory());
    private static readonly Dictionary<string, string> Paths = [];
    private static readonly Lock Gate = new();

    /// <summary>Private key path for a kind: ed25519, ecdsa256, ecdsa384, ecdsa521, rsa, or any other name for a fresh ed25519 key.</summary>
    public static string PrivateKeyPath(string kind)
    {
        lock (Gate)
        {
            if (Paths.TryGetValue(kind, out var existing))
            {
                return existing;
            }

            var path = Directory.Value.File("key_" + kind);
            string[] type = kind switch
            {
                "ecdsa256" => ["-t", "ecdsa", "-b", "256"],
                "ecdsa384" => ["-t", "ecdsa", "-b", "384"],
                "ecdsa521" => ["-t", "ecdsa", "-b", "521"],
                "rsa" => ["-t", "rsa", "-b", "2048"],
                _ => ["-t", "ed25519"],
            };
            ExternalTool.Run("ssh-keygen", [.. type, "-N", "", "-q", "-C", "test-" + kind, "-f", path]);
            Paths[kind] = path;
            return path;
        }
    }

    public static string PublicKeyLine(string kind) => File.ReadAllText(PrivateKeyPath(kind) + ".pub").Trim();

    public static SshPublicKey PublicKey(string kind) => SshPublicKey.TryParseOpenSshLine(PublicKeyLine(kind))!;

    /// <summary>The fingerprint as <c>ssh-keygen -lf</c> prints it (second field).</summary>
    public static string KeygenFingerprint(string kind) =>
        ExternalTool.Run("ssh-keygen", "-l", "-E", "sha256", "-f", PrivateKeyPath(kind) + ".pub").Split(' ')[1];

    public static string KindForHostKeyAlgorithm(string algorithm) => algorithm switch
    {
        "ecdsa-sha2-nistp256" => "ecdsa256",
        "ecdsa-sha2-nistp384" => "ecdsa384",
        "ecdsa-sha2-nistp521" => "ecdsa521",
        "rsa-sha2-256" or "rsa-sha2-512" or "ssh-rsa" => "rsa",
        _ => "ed25519",
    };
}
