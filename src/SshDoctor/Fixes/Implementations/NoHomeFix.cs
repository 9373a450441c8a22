using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Fixes.Files;
using SshDoctor.Fixes.Planning;

namespace SshDoctor.Fixes.Implementations;

/// <summary>
/// session.no-home (on the server): the home directory the passwd entry names, created from /etc/skel, owned by the
/// account and its group, mode 0700 — only when the entry names it and it is absent, and its parent exists (a missing
/// parent is more likely an unmounted NFS or autofs tree than a home to create).
/// </summary>
internal sealed class NoHomeFix : IFix
{
    public const int HomeMode = 0x1C0;

    public string Id => DiagnosisIds.SessionNoHome;

    public FixProposal Plan(Diagnosis.Diagnosis diagnosis, FixContext context)
    {
        var name = diagnosis.Get("user");
        var user = name is null ? null : context.Users?.User(name);
        if (user is null)
        {
            return FixProposal.Refuse(diagnosis, name is null ? "the diagnosis does not name the account" : $"no account {name} in {context.Map("/etc/passwd")}");
        }

        if (!context.IsRoot)
        {
            return FixProposal.Refuse(diagnosis, "server-side fixes run as root on the server (sudo ssh-doctor check-server --fix ...)");
        }

        if (diagnosis.Get("home") is { } seen && seen != user.Home)
        {
            return FixProposal.Refuse(diagnosis, $"the passwd entry of {name} names {user.Home}, not {seen}");
        }

        if (!user.Home.StartsWith('/') || user.Home == "/")
        {
            return FixProposal.Refuse(diagnosis, $"the passwd entry of {name} names no home directory to create ({user.Home})");
        }

        var home = context.Map(user.Home);
        if (FixFiles.StatLink(home).Exists)
        {
            return FixProposal.Refuse(diagnosis, $"{home} exists (as something other than a directory): not replaced", badInput: true);
        }

        var parent = Path.GetDirectoryName(home) ?? "/";
        if (!FixFiles.Stat(parent).IsDirectory)
        {
            return FixProposal.Refuse(diagnosis, $"{parent} does not exist: is a file system (NFS, autofs) not mounted? Not created");
        }

        WritePolicy.Target(context, home, contentChange: false, user.Uid);
        var skeleton = context.Map("/etc/skel");
        var group = context.Users?.Group(user.Gid)?.Name ?? ServerModesFix.Text(user.Gid);
        var hasSkeleton = FixFiles.Stat(skeleton).IsDirectory;
        return FixProposal.Planned(new PlannedFix(diagnosis,
        [
            new DirectoryStep
            {
                Path = home,
                Mode = HomeMode,
                Uid = user.Uid,
                Gid = user.Gid,
                Skeleton = hasSkeleton ? skeleton : null,
                Command = Command(home, user.Name, group, hasSkeleton ? skeleton : null),
            },
        ]));
    }

    public string? Sketch(IReadOnlyDictionary<string, string> values) =>
        values.Printable("user") is { } user && (values.Printable("home") ?? values.Printable("path", "home")) is { } home
            ? Command(home, user, user, "/etc/skel", sudo: true)
            : null;

    private static string Command(string home, string user, string group, string? skeleton, bool sudo = false)
    {
        var s = sudo ? "sudo " : string.Empty;
        var h = ShellQuote.Word(home);
        var make = $"{s}install -d -m 0700 -o {ShellQuote.Word(user)} -g {ShellQuote.Word(group)} {h}";

        // cp -a gives the home /etc/skel's own mode: set 0700 again at the end.
        return skeleton is null ? make : $"{make} && {s}cp -a {ShellQuote.Word(skeleton + "/.")} {h} && {s}chown -R {ShellQuote.Word(user)}:{ShellQuote.Word(group)} {h} && {s}chmod 0700 {h}";
    }
}
