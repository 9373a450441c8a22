using System.Globalization;
using SshDoctor.Config;

namespace SshDoctor.Audit.Local;

/// <summary>
/// ~/.ssh/config's keywords and risky values. Unknown keywords are checked against the keyword table and, when ssh is
/// installed, against what the installed ssh says (<c>ssh -G -F FILE</c>): the installed version is the one that matters.
/// IdentityFile lines naming a missing file are reported as ssh would (key.not-found).
/// </summary>
public sealed class ConfigSyntaxCheck : IAuditCheck<LocalContext>
{
    /// <summary>Keywords ssh accepts that the current table leaves out: aliases and deprecated/unsupported ones (readconf.c).</summary>
    private static readonly HashSet<string> Accepted = new(StringComparer.OrdinalIgnoreCase)
    {
        "PubkeyAcceptedKeyTypes", "HostbasedKeyTypes", "HostbasedAcceptedKeyTypes", "ChallengeResponseAuthentication",
        "SkeyAuthentication", "TisAuthentication", "DSAAuthentication", "RSAAuthentication", "RhostsRSAAuthentication",
        "CompressionLevel", "UseRoaming", "UseRsh", "FallBackToRsh", "Cipher", "Protocol", "UsePrivilegedPort",
        "GlobalKnownHostsFile2", "UserKnownHostsFile2", "RhostsAuthentication", "UseBlacklistedKeys", "SmartcardDevice",
        "GSSAPIKeyExchange", "GSSAPITrustDns", "GSSAPIClientIdentity", "GSSAPIServerIdentity", "GSSAPIRenewalForcesRekey",
        "GSSAPIKexAlgorithms", "HostName",
    };

    public string Name => "config-syntax";

    public string Area => "config";

    public void Run(LocalContext context, AuditSink sink)
    {
        var config = context.Config;
        IncludeGuardFindings.Report(config.Reading, sink, "config");
        if (!config.Exists)
        {
            if (!config.Present)
            {
                sink.Add(FindingSeverity.Info, "config.none", context.UserConfigPath, ("path", context.UserConfigPath));
            }

            return;
        }

        var sshSays = AskSsh(context);
        var ignore = new List<string>();
        foreach (var line in config.Lines)
        {
            if (line.Keyword.Equals("IgnoreUnknown", StringComparison.OrdinalIgnoreCase))
            {
                ignore.AddRange(line.Arguments.SelectMany(a => a.Split(',')));
                continue;
            }

            if (Known(line.Keyword) || ignore.Any(p => HostPattern.Matches(p, line.Keyword)))
            {
                Risky(line, sink);
                MissingIdentity(context, line, sink);
                continue;
            }

            var confirmed = sshSays?.Contains((line.File, line.Line)) ?? false;
            var nearest = Keywords.Nearest(line.Keyword, Keywords.Client);
            sink.Problem(confirmed: sshSays is null || confirmed, "config.bad-option",
                line.Where,
                confirmed ? $"{line.File}: line {line.Line}: Bad configuration option: {line.Keyword.ToLowerInvariant()}" : $"{line.Keyword} is not an ssh_config keyword",
                ("file", line.File),
                ("line", line.Line.ToString(CultureInfo.InvariantCulture)),
                ("option", line.Keyword),
                ("nearest", nearest));
        }

        foreach (var include in config.EmptyIncludes)
        {
            sink.Add(FindingSeverity.Info, "config.include-empty", include.Where, ("pattern", include.Value));
        }
    }

    private static bool Known(string keyword) =>
        Keywords.Client.Contains(keyword, StringComparer.OrdinalIgnoreCase) || Accepted.Contains(keyword);

    private static void Risky(ClientConfigLine line, AuditSink sink)
    {
        var keyword = line.Keyword.ToLowerInvariant();
        var value = line.Arguments.Count > 0 ? line.Arguments[0].ToLowerInvariant() : string.Empty;
        var everyHost = line.Block is null || line.Block.Equals("Host *", StringComparison.OrdinalIgnoreCase) || line.Block.Equals("Match all", StringComparison.OrdinalIgnoreCase);
        var code = keyword switch
        {
            "stricthostkeychecking" when value is "no" or "off" => "config.risky-no-hostkey-check",
            "userknownhostsfile" when line.Arguments.Contains("/dev/null", StringComparer.Ordinal) => "config.risky-known-hosts-null",
            "forwardagent" when value != "no" && everyHost => "config.risky-forward-agent-all",
            _ => null,
        };
        if (code is not null)
        {
            sink.Add(FindingSeverity.Warning, code, line.Where, ("option", line.Keyword), ("value", line.Value), ("block", line.Block ?? "(all hosts)"));
        }
    }

    private static void MissingIdentity(LocalContext context, ClientConfigLine line, AuditSink sink)
    {
        if (!line.Keyword.Equals("IdentityFile", StringComparison.OrdinalIgnoreCase) || line.Arguments.Count == 0)
        {
            return;
        }

        // %d first: it is the home directory, so "%d/.ssh/id_x" is absolute (ssh_config's own default).
        var path = line.Arguments[0].Replace("%d", context.Home, StringComparison.Ordinal);
        if (path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = context.Home.TrimEnd('/') + path[1..];
        }
        else if (!path.StartsWith('/'))
        {
            path = context.Home.TrimEnd('/') + "/" + path;
        }

        if (path.Contains('%', StringComparison.Ordinal) || context.Fs.Stat(path).Exists)
        {
            return;
        }

        sink.Problem(
            "key.not-found",
            line.Where,
            $"IdentityFile {line.Arguments[0]}: {path} does not exist",
            ("key", path),
            ("file", line.File),
            ("line", line.Line.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// The (file, line) pairs the installed ssh calls bad options, from <c>ssh -G -F FILE</c>; null when ssh is not
    /// installed or said nothing we can read.
    /// </summary>
    private static HashSet<(string, int)>? AskSsh(LocalContext context)
    {
        // ssh reads what it is given without bounds (a FIFO blocks it, /dev/zero grows it), and it resolves ~ and
        // relative Includes in its own user's home (below --root: on this machine, not in the tree): only a config
        // read whole, whose Includes ssh would find where the audit found them.
        var reading = context.Config.Reading;
        var includes = context.Config.Lines.Any(l => l.Keyword.Equals("Include", StringComparison.OrdinalIgnoreCase));
        if (context.Rooted || (includes && !context.OwnHome) || reading.Stopped || reading.Problems.Count > 0 || context.Programs.Find("ssh") is null)
        {
            return null;
        }

        var bad = new HashSet<(string, int)>();
        var mapped = context.Fs.Map(context.UserConfigPath);
        var result = context.Programs.Run("ssh", ["-G", "-F", mapped, "--", "ssh-doctor.invalid"], TimeSpan.FromSeconds(5));
        if (result.ExitCode is null)
        {
            return null;
        }

        foreach (var text in result.Stderr.Split('\n'))
        {
            var marker = text.IndexOf(": line ", StringComparison.Ordinal);
            var option = text.IndexOf(": Bad configuration option: ", StringComparison.Ordinal);
            if (marker < 0 || option < marker)
            {
                continue;
            }

            var file = text[..marker];
            if (int.TryParse(text.AsSpan(marker + 7, option - marker - 7), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                bad.Add((Unmap(context, file), n));
            }
        }

        return bad;
    }

    private static string Unmap(LocalContext context, string file)
    {
        var root = context.Fs.Map("/").TrimEnd('/');
        return root.Length > 0 && file.StartsWith(root + "/", StringComparison.Ordinal) ? file[root.Length..] : file;
    }
}
