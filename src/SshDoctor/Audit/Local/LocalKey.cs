using SshDoctor.Files;

namespace SshDoctor.Audit.Local;

/// <summary>A private key file in ~/.ssh, with its status, what it contains and its .pub / -cert.pub companions.</summary>
public sealed record LocalKey(string Path, FileStatus Status, PrivateKeyFile? Content)
{
    /// <summary>Files of ~/.ssh that other checks read and report on (a key is never named so).</summary>
    private static readonly HashSet<string> KnownNotKeys = new(StringComparer.Ordinal) { "config", "known_hosts", "known_hosts2", "authorized_keys", "authorized_keys2" };

    public string PublicPath => Path + ".pub";

    public string CertificatePath => Path + "-cert.pub";

    /// <summary>The private keys in <paramref name="sshDirectory"/>; files that could not be read at all go to <paramref name="unread"/> (their content is unknown).</summary>
    public static IReadOnlyList<LocalKey> FindAll(IAuditFileSystem fs, string sshDirectory, List<FileRead>? unread = null)
    {
        var keys = new List<LocalKey>();
        foreach (var path in fs.List(sshDirectory))
        {
            var status = fs.Stat(path);
            if (path.EndsWith(".pub", StringComparison.Ordinal) || (status.Exists && (!status.IsRegular || status.Size > 1 << 20)))
            {
                continue;
            }

            var read = fs.Read(path, 64 * 1024);
            if (!read.Ok && read.Problem is FileReadProblem.PermissionDenied or FileReadProblem.SymlinkLoop or FileReadProblem.Error && !KnownNotKeys.Contains(System.IO.Path.GetFileName(path)))
            {
                unread?.Add(read);
            }

            var text = read.Ok ? read.Text : null;
            if (text is null || !PrivateKeyFile.LooksLikePrivateKey(text))
            {
                continue;
            }

            keys.Add(new LocalKey(path, status, PrivateKeyFile.Parse(text)));
        }

        return keys;
    }
}
