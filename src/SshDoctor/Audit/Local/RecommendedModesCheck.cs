namespace SshDoctor.Audit.Local;

/// <summary>
/// The guide's modes for the files ssh does not check itself: .pub and known_hosts 644, authorized_keys 600.
/// Only modes looser than recommended are reported (a 600 .pub is fine); a group/world-writable authorized_keys is what
/// sshd's StrictModes refuses, said so.
/// </summary>
public sealed class RecommendedModesCheck : IAuditCheck<LocalContext>
{
    public string Name => "recommended-modes";

    public string Area => "files";

    public void Run(LocalContext context, AuditSink sink)
    {
        var keyPaths = context.Keys.Select(k => k.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var path in context.Fs.List(context.SshDirectory))
        {
            var name = path[(path.LastIndexOf('/') + 1)..];
            var status = context.Fs.Stat(path, followLinks: false);
            if (!status.IsRegular || keyPaths.Contains(path) || name == "config")
            {
                continue;
            }

            int? recommended = name.EndsWith(".pub", StringComparison.Ordinal) || name is "known_hosts" or "known_hosts2" ? ModeBits.Mode644
                : name is "authorized_keys" or "authorized_keys2" ? ModeBits.Mode600
                : null;
            if (recommended is not { } mode)
            {
                continue;
            }

            if ((status.Mode & ~mode & ModeBits.All) == 0)
            {
                sink.Add(FindingSeverity.Ok, "mode.ok", path, ("path", path), ("mode", status.ModeText));
                continue;
            }

            var strict = name.StartsWith("authorized_keys", StringComparison.Ordinal)
                && !SecurePermissions.IsSecure(status, context.Uid, context.Users, context.DebianRules);
            sink.Add(FindingSeverity.Warning, strict ? "mode.strictmodes-would-refuse" : "mode.looser-than-recommended", path,
                ("path", path), ("mode", status.ModeText), ("recommended", FileStatus.Octal(mode)));
        }
    }
}
