namespace SshDoctor.Audit.Server;

/// <summary>
/// For each --user: the account exists (else sshd logs "Invalid user"), its shell exists and is executable
/// (auth.c:allowed_user; empty means /bin/sh), is not a nologin shell, is listed in /etc/shells, and the home exists.
/// </summary>
public sealed class UserAccountCheck : IAuditCheck<ServerContext>
{
    private static readonly string[] NoLoginShells = ["/bin/false", "/usr/bin/false", "/sbin/nologin", "/usr/sbin/nologin", "/bin/nologin", "/usr/bin/nologin"];

    public string Name => "user-account";

    public string Area => "users";

    public void Run(ServerContext context, AuditSink sink)
    {
        if (context.UserNames.Count == 0)
        {
            sink.Add(FindingSeverity.Skipped, "user.none-given", null);
        }

        if (context.Users.PasswdRead is { Ok: false, Problem: not Files.FileReadProblem.Missing } passwd)
        {
            FileReadFindings.Report(sink, passwd);
        }

        foreach (var name in context.UserNames)
        {
            var user = context.Users.User(name);
            if (user is null && context.Users.PasswdUnread)
            {
                sink.Add(FindingSeverity.Skipped, "user.passwd-unread", "/etc/passwd", ("user", name), ("reason", context.Users.PasswdRead!.Reason));
                continue;
            }

            if (user is null)
            {
                sink.Problem("user.missing", "/etc/passwd", $"no user {name} in /etc/passwd", ("user", name));
                continue;
            }

            Shell(context, user, sink);
            var home = context.Fs.Stat(user.Home);
            if (!home.IsDirectory)
            {
                sink.Problem("user.no-home", user.Home, $"{user.Home}: {(home.Exists ? "not a directory" : "No such file or directory")}",
                    ("user", name), ("home", user.Home));
            }
            else
            {
                sink.Add(FindingSeverity.Ok, "user.ok", user.Home, ("user", name), ("home", user.Home), ("shell", user.Shell));
            }
        }
    }

    private static void Shell(ServerContext context, PasswdEntry user, AuditSink sink)
    {
        var shell = user.Shell.Length == 0 ? "/bin/sh" : user.Shell;
        if (NoLoginShells.Contains(shell, StringComparer.Ordinal))
        {
            sink.Problem("user.shell-disabled", "/etc/passwd", $"{user.Name}: login shell {shell}", ("user", user.Name), ("shell", shell));
            return;
        }

        var status = context.Fs.Stat(shell);
        if (!status.Exists || !status.IsRegular || (status.Mode & ModeBits.AnyExecute) == 0)
        {
            var reason = status.Exists ? "is not executable" : "does not exist";
            sink.Problem("user.shell-invalid", "/etc/passwd",
                $"User {user.Name} not allowed because shell {shell} {reason}", ("user", user.Name), ("shell", shell), ("reason", reason));
            return;
        }

        var shells = context.Fs.ReadText("/etc/shells", 64 << 10);
        if (shells is not null && !shells.Split('\n').Select(l => l.Trim()).Contains(shell, StringComparer.Ordinal))
        {
            sink.Add(FindingSeverity.Warning, "user.shell-not-listed", "/etc/shells", ("user", user.Name), ("shell", shell));
        }
    }
}
