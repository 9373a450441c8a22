using System.Globalization;

namespace SshDoctor.Audit.Local;

/// <summary>
/// readconf.c (SSHCONF_CHECKPERM): ~/.ssh/config and every file it Includes must be owned by root or the user and not
/// group/world-writable (Debian: group write allowed for a private group), else ssh stops with "Bad owner or permissions".
/// Recommended 600 beyond that.
/// </summary>
public sealed class ConfigPermissionsCheck : IAuditCheck<LocalContext>
{
    public string Name => "config-permissions";

    public string Area => "config";

    public void Run(LocalContext context, AuditSink sink)
    {
        foreach (var file in context.Config.Files)
        {
            var status = context.Fs.Stat(file);
            if (!SecurePermissions.IsSecure(status, context.Uid, context.Users, context.DebianRules))
            {
                sink.Problem(
                    "config.bad-permissions",
                    file,
                    $"Bad owner or permissions on {file} (owner {status.Uid.ToString(CultureInfo.InvariantCulture)}, mode {status.ModeText})",
                    ("file", file),
                    ("mode", status.ModeText),
                    ("owner", status.Uid.ToString(CultureInfo.InvariantCulture)));
            }
            else if ((status.Mode & ModeBits.GroupOrOther) != 0)
            {
                sink.Add(FindingSeverity.Warning, "mode.looser-than-recommended", file, ("path", file), ("mode", status.ModeText), ("recommended", "0600"));
            }
            else
            {
                sink.Add(FindingSeverity.Ok, "mode.ok", file, ("path", file), ("mode", status.ModeText));
            }
        }
    }
}
