using SshDoctor.Audit;
using SshDoctor.Fixes.Files;
using SshDoctor.Fixes.Records;
using SshDoctor.Probing;

namespace SshDoctor.Fixes.Planning;

/// <summary>The two ways a <see cref="FixContext"/> is set up: for the user on a client, and as root on a server (or a prepared tree).</summary>
public static class FixContexts
{
    /// <summary>
    /// The current user's side: the home from --home, else the passwd entry (as ssh takes it), else $HOME; the files ssh
    /// uses for the destination when the probe resolved one (known_hosts files, HashKnownHosts).
    /// </summary>
    public static FixContext Client(string? home, ProbeTarget? target, string? configFile, IReadOnlyList<string> identityFiles, string? expectFingerprint, Func<string, string?> environment)
    {
        var fs = new RootedFileSystem(null);
        var users = UserDatabase.Load(fs);
        var uid = NativeUnix.GetUid();
        var entry = users.User(uid);
        var homeDir = home ?? entry?.Home ?? environment("HOME") ?? throw new FixInputException("cannot tell your home directory: pass --home");
        var userFiles = target?.KnownHostsFiles.Except(target.GlobalKnownHostsFiles, StringComparer.Ordinal).ToList() ?? [];
        return new FixContext
        {
            Home = homeDir,
            Uid = uid,
            Gid = entry?.Gid ?? NativeFiles.GetGid(),
            UserName = entry?.Name ?? Environment.UserName,
            Programs = new ProgramRunner(),
            StateDirectory = RecordStore.ClientDirectory(homeDir, environment),
            SshConfigFile = configFile,
            UserKnownHostsFiles = userFiles,
            GlobalKnownHostsFiles = target?.GlobalKnownHostsFiles ?? [],
            HashKnownHosts = target?.HashKnownHosts ?? false,
            IdentityFiles = identityFiles.Select(Path.GetFullPath).ToList(),
            ExpectFingerprint = expectFingerprint,
            UndoOptions = home is null ? [] : ["--home", Path.GetFullPath(home)],
            Users = users,
            DebianRules = SecurePermissions.DebianRules(fs),
        };
    }

    /// <summary>The server side: the tree (--root, or /), its passwd and group, records under /var/lib/ssh-doctor of that tree.</summary>
    public static FixContext Server(string? root, string sshdConfig, string? fail2banSocket)
    {
        var fs = new RootedFileSystem(root);
        return new FixContext
        {
            Home = "/root",
            Uid = NativeUnix.GetUid(),
            Gid = NativeFiles.GetGid(),
            UserName = Environment.UserName,
            Root = root ?? string.Empty,
            Programs = new ProgramRunner(),
            StateDirectory = RecordStore.ServerDirectory(root ?? string.Empty),
            SshdConfigPath = sshdConfig,
            Fail2banSocket = fail2banSocket,
            ServerSide = true,
            UndoOptions = string.IsNullOrEmpty(root) ? [] : ["--root", Path.GetFullPath(root)],
            Users = UserDatabase.Load(fs),
            DebianRules = SecurePermissions.DebianRules(fs),
        };
    }
}
