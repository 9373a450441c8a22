using SshDoctor.Audit;
using SshDoctor.Files;

namespace SshDoctor.Cli.Commands;

/// <summary>
/// The paths check-local and check-server are given, made absolute and checked before any audit runs: a relative
/// --home is relative to the current directory (not to /), and a --root, --home or --sshd-config that is not there is
/// bad input (exit 2 with the reason), not an empty report.
/// </summary>
internal static class AuditPaths
{
    /// <summary>--root as an absolute directory, or null when not given.</summary>
    public static string? Root(string? root)
    {
        if (root is null)
        {
            return null;
        }

        var full = Path.GetFullPath(root);
        var status = NativeUnix.Stat(full, followLinks: true);
        if (!status.IsDirectory)
        {
            throw new UsageException($"--root {root}: {(status.Exists ? "not a directory" : Missing(status))}");
        }

        return full;
    }

    /// <summary>--home made absolute: against the current directory, or (with --root) it must already be a path inside the tree.</summary>
    public static string? Home(string? home, string? root)
    {
        if (home is null)
        {
            return null;
        }

        if (root is null)
        {
            return Path.GetFullPath(home);
        }

        return home.StartsWith('/') ? home : throw new UsageException($"--home {home}: with --root, give the home as an absolute path inside the tree (for example /home/alice)");
    }

    /// <summary>--sshd-config made absolute (inside the tree with --root), or the default path.</summary>
    public static string SshdConfig(string? config, string? root)
    {
        if (config is null)
        {
            return "/etc/ssh/sshd_config";
        }

        if (root is null)
        {
            return Path.GetFullPath(config);
        }

        return config.StartsWith('/') ? config : throw new UsageException($"--sshd-config {config}: with --root, give an absolute path inside the tree (for example /etc/ssh/sshd_config)");
    }

    /// <summary>Exit 2 unless <paramref name="path"/> is a directory.</summary>
    public static void RequireDirectory(IAuditFileSystem fs, string path, string option)
    {
        var status = fs.Stat(path);
        if (!status.IsDirectory)
        {
            throw new UsageException($"{option} {path}: {(status.Exists ? "not a directory" : Missing(status))}");
        }
    }

    /// <summary>Exit 2 unless <paramref name="path"/> is a regular file this process can read.</summary>
    public static void RequireFile(IAuditFileSystem fs, string path, string option)
    {
        var read = fs.Read(path, 1);
        if (!read.Ok)
        {
            throw new UsageException($"{option} {path}: {read.Reason}");
        }
    }

    private static string Missing(FileStatus status) => BoundedFile.Failed(string.Empty, status.Errno).Reason;
}
