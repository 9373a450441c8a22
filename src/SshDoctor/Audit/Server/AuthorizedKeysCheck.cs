using System.Globalization;

namespace SshDoctor.Audit.Server;

/// <summary>
/// For each --user: every AuthorizedKeysFile that applies to them (tokens %h %u %U %% expanded, relative to home),
/// the StrictModes walk sshd would do (auth.publickey.server-modes), and the syntax of each key line.
/// </summary>
public sealed class AuthorizedKeysCheck : IAuditCheck<ServerContext>
{
    public string Name => "authorized-keys";

    public string Area => "users";

    public void Run(ServerContext context, AuditSink sink)
    {
        foreach (var user in context.ExistingUsers)
        {
            var name = user.Name;
            var config = context.For(name);
            if (config.Get("pubkeyauthentication").Equals("no", StringComparison.OrdinalIgnoreCase))
            {
                sink.Problem("sshd.pubkey-disabled", config["pubkeyauthentication"]?.Where,
                    $"PubkeyAuthentication no applies to {name}", ("user", name));
            }

            var strict = !config.Get("strictmodes").Equals("no", StringComparison.OrdinalIgnoreCase);
            var found = false;
            foreach (var file in Files(config.Get("authorizedkeysfile"), user))
            {
                if (!context.Fs.Stat(file).Exists)
                {
                    continue;
                }

                found = true;
                var refused = strict ? StrictModesWalk.Check(context.Fs, file, user, context.Users, context.DebianRules) : null;
                if (refused is { } r)
                {
                    var status = context.Fs.Stat(r.Path);
                    sink.Problem("strictmodes.refused", r.Path,
                        $"Authentication refused: {r.Message}",
                        ("user", name), ("path", r.Path), ("file", file), ("mode", status.ModeText), ("owner", status.Uid.ToString(CultureInfo.InvariantCulture)));
                }
                else
                {
                    sink.Add(FindingSeverity.Ok, strict ? "strictmodes.ok" : "strictmodes.off", file, ("user", name), ("file", file));
                }

                Syntax(context, file, sink);
            }

            if (!found)
            {
                sink.Add(FindingSeverity.Warning, "authorized-keys.none", user.Home, ("user", name), ("files", config.Get("authorizedkeysfile")));
            }
        }
    }

    /// <summary>auth2-pubkeyfile.c: expand_authorized_keys — tokens, then relative to the home directory; "none" disables.</summary>
    public static IEnumerable<string> Files(string setting, PasswdEntry user)
    {
        foreach (var pattern in setting.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pattern.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var expanded = pattern.Replace("%%", "\u0001", StringComparison.Ordinal)
                .Replace("%h", user.Home, StringComparison.Ordinal)
                .Replace("%u", user.Name, StringComparison.Ordinal)
                .Replace("%U", user.Uid.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("\u0001", "%", StringComparison.Ordinal);
            yield return expanded.StartsWith('/') ? expanded : user.Home.TrimEnd('/') + "/" + expanded;
        }
    }

    private static void Syntax(ServerContext context, string file, AuditSink sink)
    {
        var read = context.Fs.Read(file, 4 << 20);
        FileReadFindings.Report(sink, read);
        if (!read.Ok)
        {
            // sshd refuses what is not a regular file ("is not a regular file") and cannot use what it cannot open.
            sink.Add(FindingSeverity.Warning, "authorized-keys.unreadable", file, ("file", file));
            return;
        }

        var text = read.Text;
        var number = 0;
        var keys = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (AuthorizedKeyLine.Parse(line) is { } key)
            {
                keys++;
                if (key.Key.IsWeak)
                {
                    sink.Add(FindingSeverity.Warning, "authorized-keys.weak", $"{file}:{number}", ("type", key.Key.Family), ("bits", key.Key.Bits.ToString(CultureInfo.InvariantCulture)));
                }
            }
            else
            {
                sink.Add(FindingSeverity.Warning, "authorized-keys.bad-line", $"{file}:{number}", ("file", file), ("line", number.ToString(CultureInfo.InvariantCulture)));
            }
        }

        sink.Add(FindingSeverity.Info, "authorized-keys.summary", file, ("file", file), ("count", keys.ToString(CultureInfo.InvariantCulture)));
    }
}
