namespace SshDoctor.Audit.Server;

/// <summary>
/// misc.c:safe_path() as sshd runs it on an authorized_keys file (§3.6): realpath the file, it must be a regular
/// file owned by root or the user without group/other write; then every parent directory the same, stopping after the
/// user's home directory (compared by realpath) or at /.
/// </summary>
public static class StrictModesWalk
{
    /// <summary>The first failing path and sshd's message for it, or null when sshd accepts the file.</summary>
    public static (string Path, string Message)? Check(IAuditFileSystem fs, string file, PasswdEntry user, UserDatabase users, bool debianRules)
    {
        var real = fs.RealPath(file);
        if (real is null)
        {
            return (file, $"realpath {file} failed");
        }

        var status = fs.Stat(real);
        if (!status.IsRegular)
        {
            return (real, $"{real} is not a regular file");
        }

        if (!SecurePermissions.IsSecure(status, user.Uid, users, debianRules))
        {
            return (real, $"bad ownership or modes for file {real}");
        }

        var home = fs.RealPath(user.Home);
        var dir = real;
        while (true)
        {
            var slash = dir.LastIndexOf('/');
            dir = slash <= 0 ? "/" : dir[..slash];
            var d = fs.Stat(dir);
            if (!SecurePermissions.IsSecure(d, user.Uid, users, debianRules))
            {
                return (dir, $"bad ownership or modes for directory {dir}");
            }

            if (dir == "/" || (home is not null && dir == home))
            {
                return null;
            }
        }
    }
}
