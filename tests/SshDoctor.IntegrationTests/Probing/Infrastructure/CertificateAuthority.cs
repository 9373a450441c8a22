using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>A CA key made with ssh-keygen in a test's directory, and the certificates it signs with <c>ssh-keygen -s</c>.</summary>
internal sealed class CertificateAuthority
{
    private readonly string _directory;

    private CertificateAuthority(string directory, string name)
    {
        _directory = directory;
        PrivateKeyPath = Path.Combine(directory, name);
    }

    public string PrivateKeyPath { get; }

    public string PublicKeyPath => PrivateKeyPath + ".pub";

    public string PublicKeyLine => File.ReadAllText(PublicKeyPath).Trim();

    public static CertificateAuthority Create(string directory, string name, string type = "ed25519")
    {
        var authority = new CertificateAuthority(directory, name);
        ExternalTool.Run("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name, "-f", authority.PrivateKeyPath);
        return authority;
    }

    /// <summary>A fresh unencrypted key pair in the directory.</summary>
    public string NewKey(string name, string type = "ed25519")
    {
        var path = Path.Combine(_directory, name);
        string[] typeArguments = type switch
        {
            "ecdsa256" => ["-t", "ecdsa", "-b", "256"],
            "rsa" => ["-t", "rsa", "-b", "2048"],
            _ => ["-t", type],
        };
        ExternalTool.Run("ssh-keygen", [.. typeArguments, "-q", "-N", "", "-C", name, "-f", path]);
        return path;
    }

    /// <summary>Signs <paramref name="keyPath"/>.pub; the certificate is written to <c>KEY-cert.pub</c> (or moved to <paramref name="certificatePath"/>).</summary>
    public string Sign(string keyPath, string identity, string principals, string validity = "always:forever", int serial = 1, bool host = false, string? certificatePath = null)
    {
        List<string> arguments = ["-q", "-s", PrivateKeyPath, "-I", identity, "-V", validity, "-z", serial.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (principals.Length > 0)
        {
            arguments.AddRange(["-n", principals]);
        }

        if (host)
        {
            arguments.Add("-h");
        }

        ExternalTool.Run("ssh-keygen", [.. arguments, keyPath + ".pub"]);
        var written = keyPath + "-cert.pub";
        if (certificatePath is not null)
        {
            File.Move(written, certificatePath, overwrite: true);
            return certificatePath;
        }

        return written;
    }
}
