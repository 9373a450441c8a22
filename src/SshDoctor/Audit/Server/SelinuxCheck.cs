namespace SshDoctor.Audit.Server;

/// <summary>
/// SELinux labels (auth.publickey.selinux): when SELinux is enabled (/sys/fs/selinux/enforce exists below the audited
/// root), each --user's ~/.ssh and authorized keys files must be labelled ssh_home_t, or sshd (sshd_t) is denied
/// reading them and ignores the keys; files restored from a backup or moved with mv keep user_home_t. Enforcing: the
/// key is refused (likely: a local policy module may allow more); permissive: only an AVC is logged (a warning).
/// </summary>
public sealed class SelinuxCheck : IAuditCheck<ServerContext>
{
    public string Name => "selinux";

    public string Area => "selinux";

    public void Run(ServerContext context, AuditSink sink)
    {
        var enforce = context.Fs.ReadText("/sys/fs/selinux/enforce", 16);
        if (enforce is null)
        {
            sink.Add(FindingSeverity.Skipped, "selinux.disabled", null);
            return;
        }

        var enforcing = enforce.Trim() == "1";
        var mode = enforcing ? "enforcing" : "permissive";
        foreach (var user in context.ExistingUsers)
        {
            var sshDirectory = user.Home.TrimEnd('/') + "/.ssh";
            var files = AuthorizedKeysCheck.Files(context.For(user.Name).Get("authorizedkeysfile"), user)
                .Where(f => f.StartsWith(sshDirectory + "/", StringComparison.Ordinal) && context.Fs.Stat(f).Exists);
            foreach (var path in ((string[])[sshDirectory]).Concat(files))
            {
                if (!context.Fs.Stat(path).Exists)
                {
                    continue;
                }

                Label(context, sink, user.Name, path, mode, enforcing);
            }
        }
    }

    private static void Label(ServerContext context, AuditSink sink, string user, string path, string mode, bool enforcing)
    {
        var label = context.Labels.ContextOf(path);
        if (label is null)
        {
            sink.Add(FindingSeverity.Skipped, "selinux.label-unreadable", path, ("path", path));
            return;
        }

        var type = SelinuxContext.TypeOf(label);
        if (type == SelinuxContext.SshHomeType)
        {
            sink.Add(FindingSeverity.Ok, "selinux.label-ok", path, ("path", path), ("context", label));
            return;
        }

        (string, string?)[] values = [("user", user), ("path", path), ("context", label), ("type", type), ("expected", SelinuxContext.SshHomeType), ("mode", mode)];
        if (!enforcing)
        {
            sink.Add(FindingSeverity.Warning, "selinux.label-wrong-permissive", path, values);
            return;
        }

        sink.Problem("selinux.label-wrong", path,
            $"{path} is labelled {label}; sshd may only read {SelinuxContext.SshHomeType} there (SELinux enforcing)", values);
    }
}
