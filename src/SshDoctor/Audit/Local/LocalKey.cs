namespace SshDoctor.Audit.Local;

/// <summary>A private key file in ~/.ssh, with its status, what it contains and its .pub / -cert.pub companions.</summary>
public sealed record LocalKey(string Path, FileStatus Status, PrivateKeyFile? Content)
{
    public string PublicPath => Path + ".pub";

    public string CertificatePath => Path + "-cert.pub";

    public static IReadOnlyList<LocalKey> FindAll(IAuditFileSystem fs, string sshDirectory)
    {
        var keys = new List<LocalKey>();
        foreach (var path in fs.List(sshDirectory))
        {
            var status = fs.Stat(path);
            if (!status.IsRegular || status.Size > 1 << 20 || path.EndsWith(".pub", StringComparison.Ordinal))
            {
                continue;
            }

            var text = fs.ReadText(path, 64 * 1024);
            if (text is null || !PrivateKeyFile.LooksLikePrivateKey(text))
            {
                continue;
            }

            keys.Add(new LocalKey(path, status, PrivateKeyFile.Parse(text)));
        }

        return keys;
    }
}
