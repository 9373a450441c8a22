using System.Globalization;

namespace SshDoctor.Audit.Local;

/// <summary>
/// authfile.c:sshkey_perm_ok(): a private key owned by the caller is ignored when any group or other bit is set
/// (mode &amp; 077). A key owned by someone else is not mode-checked at all (but may not be readable).
/// </summary>
public sealed class PrivateKeyPermissionsCheck : IAuditCheck<LocalContext>
{
    public string Name => "private-key-permissions";

    public string Area => "keys";

    /// <summary>The exact rule, on its own so tests can hold it against ssh-keygen -y.</summary>
    public static bool SshIgnores(FileStatus status, uint uid) => status.Uid == uid && (status.Mode & ModeBits.GroupOrOther) != 0;

    public void Run(LocalContext context, AuditSink sink)
    {
        foreach (var key in context.Keys)
        {
            var status = key.Status;
            if (SshIgnores(status, context.Uid))
            {
                sink.Problem(
                    "key.permissions-too-open",
                    key.Path,
                    $"Permissions {status.ModeText} for '{key.Path}' are too open.",
                    ("key", key.Path),
                    ("mode", status.ModeText));
            }
            else if (status.Uid != context.Uid)
            {
                sink.Add(FindingSeverity.Warning, "key.foreign-owner", key.Path, ("path", key.Path), ("owner", status.Uid.ToString(CultureInfo.InvariantCulture)), ("mode", status.ModeText));
            }
            else
            {
                sink.Add(FindingSeverity.Ok, "mode.ok", key.Path, ("path", key.Path), ("mode", status.ModeText));
            }
        }
    }
}
