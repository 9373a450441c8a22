using System.Globalization;
using SshDoctor.Audit;
using SshDoctor.Diagnosis;
using SshDoctor.Fixes.Planning;

namespace SshDoctor.Fixes.Implementations;

/// <summary>
/// auth.publickey.server-modes (on the server): the StrictModes walk sshd makes over the authorized_keys file and each
/// directory up to the home (misc.c:safe_path), and for exactly the paths it refuses: the owner back to the account
/// (when neither root nor the account owns it) and group/other write removed (go-w). Nothing else is touched.
/// </summary>
internal sealed class ServerModesFix : IFix
{
    public string Id => DiagnosisIds.AuthPublicKeyServerModes;

    public FixProposal Plan(Diagnosis.Diagnosis diagnosis, FixContext context)
    {
        var name = diagnosis.Get("user");
        var users = context.Users;
        var user = name is null ? null : users?.User(name);
        if (user is null || users is null)
        {
            return FixProposal.Refuse(diagnosis, name is null ? "the diagnosis does not name the account" : $"no account {name} in {context.Map("/etc/passwd")}");
        }

        if (!context.IsRoot)
        {
            return FixProposal.Refuse(diagnosis, "server-side fixes run as root on the server (sudo ssh-doctor check-server --fix ...)");
        }

        var file = diagnosis.Get("file") ?? user.Home.TrimEnd('/') + "/.ssh/authorized_keys";
        var fs = new RootedFileSystem(context.Root.Length == 0 ? null : context.Root);
        var steps = new List<FixStep>();
        foreach (var path in RefusedPaths(fs, file, user, users, context.DebianRules))
        {
            var status = fs.Stat(path);
            var real = WritePolicy.Target(context, context.Map(path), contentChange: false, user.Uid);
            if (status.Uid != 0 && status.Uid != user.Uid)
            {
                steps.Add(new OwnerStep { Path = real, OldUid = status.Uid, OldGid = status.Gid, NewUid = user.Uid, NewGid = status.Gid, Command = ShellCommands.Chown(user.Name, real) });
            }

            var secure = status with { Uid = user.Uid };
            if (!SecurePermissions.IsSecure(secure, user.Uid, users, context.DebianRules))
            {
                steps.Add(new ModeStep { Path = real, OldMode = status.Mode, NewMode = status.Mode & ~ModeBits.GroupOrOtherWrite, Command = ShellCommands.Chmod("go-w", real) });
            }
        }

        return steps.Count == 0
            ? FixProposal.Refuse(diagnosis, $"sshd's StrictModes walk over {file} finds nothing to refuse now")
            : FixProposal.Planned(new PlannedFix(diagnosis, steps));
    }

    public string? Sketch(IReadOnlyDictionary<string, string> values) =>
        values.Printable("path") is { } path ? "sudo " + ShellCommands.Chmod("go-w", path) : null;

    /// <summary>Every path on sshd's walk that it refuses: the file, then each directory up to the home (or /).</summary>
    public static List<string> RefusedPaths(IAuditFileSystem fs, string file, PasswdEntry user, UserDatabase users, bool debianRules)
    {
        var refused = new List<string>();
        var real = fs.RealPath(file) ?? throw new FixInputException($"{file}: {Files.FixFiles.Describe(2)}; nothing was changed");
        var status = fs.Stat(real);
        if (!status.IsRegular)
        {
            throw new FixInputException($"{real} is not a regular file: sshd refuses it; nothing was changed");
        }

        if (!SecurePermissions.IsSecure(status, user.Uid, users, debianRules))
        {
            refused.Add(real);
        }

        var home = fs.RealPath(user.Home);
        var dir = real;
        while (true)
        {
            var slash = dir.LastIndexOf('/');
            dir = slash <= 0 ? "/" : dir[..slash];
            if (!SecurePermissions.IsSecure(fs.Stat(dir), user.Uid, users, debianRules))
            {
                refused.Add(dir);
            }

            if (dir == "/" || (home is not null && dir == home))
            {
                return refused;
            }
        }
    }

    internal static string Text(uint value) => value.ToString(CultureInfo.InvariantCulture);
}
