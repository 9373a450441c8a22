namespace SshDoctor.Audit.Server;

/// <summary>
/// The effective sshd configuration (sshd -T when root, otherwise parsed) with the directives that matter for logging
/// in and where each was set; sshd -t errors become server.config-invalid.
/// </summary>
public sealed class SshdConfigCheck : IAuditCheck<ServerContext>
{
    private static readonly string[] Shown =
    [
        "port", "listenaddress", "permitrootlogin", "pubkeyauthentication", "passwordauthentication", "kbdinteractiveauthentication",
        "authorizedkeysfile", "allowusers", "allowgroups", "denyusers", "denygroups", "maxauthtries", "maxstartups",
        "persourcepenalties", "strictmodes", "usepam", "loglevel", "kexalgorithms", "hostkeyalgorithms", "pubkeyacceptedalgorithms", "ciphers", "macs",
    ];

    public string Name => "sshd-config";

    public string Area => "sshd-config";

    public void Run(ServerContext context, AuditSink sink)
    {
        var reading = context.Parsed.Reading;
        IncludeGuardFindings.Report(reading, sink, "sshd");
        if (!context.Fs.Stat(context.ConfigPath).Exists && !reading.Problems.Any(p => p.Path == context.ConfigPath))
        {
            sink.Add(FindingSeverity.Warning, "sshd.config-missing", context.ConfigPath, ("path", context.ConfigPath));
        }
        else if (context.MayRunSshd)
        {
            Validate(context, sink);
        }
        else if (context.Programs.Find("sshd") is null)
        {
            sink.Add(FindingSeverity.Skipped, "program.missing", null, ("program", "sshd"));
        }

        var config = context.Global;
        sink.Add(FindingSeverity.Info, "sshd.config-source", context.ConfigPath, ("source", config.Source), ("error", context.SshdTError));
        if (context.SshdTError is not null)
        {
            sink.Add(FindingSeverity.Skipped, "sshd.t-failed", context.ConfigPath, ("error", FirstLine(context.SshdTError)));
        }
        else if (context.Rooted)
        {
            sink.Add(FindingSeverity.Skipped, "rooted.host-only", null, ("what", "sshd -T / sshd -t (they would read Include and HostKey paths on this machine)"));
        }
        else if (!context.IsRoot)
        {
            sink.Add(FindingSeverity.Skipped, "sshd.not-root", null);
        }
        else if (!context.Parsed.Sane)
        {
            sink.Add(FindingSeverity.Skipped, "sshd.t-unsafe", context.ConfigPath);
        }

        foreach (var keyword in Shown)
        {
            if (config[keyword] is { } setting)
            {
                sink.Add(FindingSeverity.Info, "sshd.directive", setting.Where, ("keyword", keyword), ("value", string.Join(", ", setting.Values)));
            }
        }
    }

    private static void Validate(ServerContext context, AuditSink sink)
    {
        // No operand: getopt takes -f's argument as it is, even a path starting with '-'.
        var result = context.Programs.Run("sshd", ["-t", "-f", context.Fs.Map(context.ConfigPath)]);
        if (result.Succeeded)
        {
            sink.Add(FindingSeverity.Ok, "sshd.t-ok", context.ConfigPath);
            return;
        }

        var error = FirstLine((result.Stderr + "\n" + result.Stdout).Trim());
        var (file, line) = Locate(error, context);
        sink.Problem("sshd.config-invalid", file is null ? context.ConfigPath : $"{file}:{line}",
            error, ("file", file ?? context.ConfigPath), ("line", line), ("error", error));
    }

    /// <summary>sshd -t names errors as "FILE line N: ..." (servconf.c); maps the file back below --root.</summary>
    private static (string? File, string? Line) Locate(string error, ServerContext context)
    {
        var marker = error.IndexOf(" line ", StringComparison.Ordinal);
        if (marker <= 0)
        {
            return (null, null);
        }

        var file = error[..marker];
        var rest = error[(marker + 6)..];
        var end = rest.IndexOf(':', StringComparison.Ordinal);
        var line = end > 0 ? rest[..end] : null;
        var root = context.Fs.Map("/").TrimEnd('/');
        if (root.Length > 0 && file.StartsWith(root, StringComparison.Ordinal))
        {
            file = file[root.Length..];
        }

        return (file, line);
    }

    private static string FirstLine(string text) => text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? text;
}
