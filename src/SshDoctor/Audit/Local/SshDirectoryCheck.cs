using System.Globalization;

namespace SshDoctor.Audit.Local;

/// <summary>
/// ~/.ssh and the home directory. The ssh client itself does not check either, but sshd's StrictModes does when this
/// account is logged into, and the guide recommends 700 for ~/.ssh: so these are warnings, never failures.
/// </summary>
public sealed class SshDirectoryCheck : IAuditCheck<LocalContext>
{
    public string Name => "ssh-directory";

    public string Area => "files";

    public void Run(LocalContext context, AuditSink sink)
    {
        var dir = context.SshDirectory;
        var status = context.Fs.Stat(dir);
        if (!status.Exists)
        {
            sink.Add(FindingSeverity.Info, "dir.missing", dir, ("path", dir));
            return;
        }

        if (!status.IsDirectory)
        {
            sink.Add(FindingSeverity.Warning, "dir.not-directory", dir, ("path", dir));
            return;
        }

        if (status.Uid != context.Uid && status.Uid != 0)
        {
            sink.Add(FindingSeverity.Warning, "file.foreign-owner", dir, ("path", dir), ("owner", status.Uid.ToString(CultureInfo.InvariantCulture)));
        }

        if ((status.Mode & ModeBits.GroupOrOther) != 0)
        {
            var writable = (status.Mode & ModeBits.GroupOrOtherWrite) != 0;
            sink.Add(FindingSeverity.Warning, writable ? "mode.strictmodes-would-refuse" : "mode.looser-than-recommended", dir,
                ("path", dir), ("mode", status.ModeText), ("recommended", "0700"));
        }
        else
        {
            sink.Add(FindingSeverity.Ok, "mode.ok", dir, ("path", dir), ("mode", status.ModeText));
        }

        var home = context.Fs.Stat(context.Home);
        if (home.Exists && (home.Mode & ModeBits.GroupOrOtherWrite) != 0 && !SecurePermissions.IsSecure(home, context.Uid, context.Users, context.DebianRules))
        {
            sink.Add(FindingSeverity.Warning, "mode.strictmodes-would-refuse", context.Home, ("path", context.Home), ("mode", home.ModeText), ("recommended", "0755"));
        }
    }
}
