using SshDoctor.Audit.Local;

namespace SshDoctor.Audit.Server;

/// <summary>
/// The values sshd uses, for one connection (user, address) or globally. From <c>sshd -T</c> when it ran (the source of
/// truth), otherwise from the parsed files (first value wins, Match blocks evaluated for User/Group/Address/Host/all),
/// otherwise the defaults of §3.5. Keywords are kept lower-case, as sshd -T prints them up to 10.4.
/// </summary>
public sealed class EffectiveSshdConfig
{
    /// <summary>Keywords whose every line adds values instead of the first one winning.</summary>
    private static readonly HashSet<string> Cumulative = new(StringComparer.Ordinal)
    {
        "port", "listenaddress", "allowusers", "denyusers", "allowgroups", "denygroups", "hostkey", "acceptenv", "subsystem", "setenv",
    };

    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["port"] = "22",
        ["listenaddress"] = "0.0.0.0:22 [::]:22",
        ["permitrootlogin"] = "prohibit-password",
        ["pubkeyauthentication"] = "yes",
        ["passwordauthentication"] = "yes",
        ["kbdinteractiveauthentication"] = "yes",
        ["authorizedkeysfile"] = ".ssh/authorized_keys .ssh/authorized_keys2",
        ["maxauthtries"] = "6",
        ["maxstartups"] = "10:30:100",
        ["strictmodes"] = "yes",
        ["usepam"] = "no",
        ["loglevel"] = "INFO",
        ["usedns"] = "no",
    };

    private readonly Dictionary<string, SshdSetting> _settings = new(StringComparer.Ordinal);

    /// <summary>Where the values came from: "sshd -T", "parsed" or "defaults".</summary>
    public string Source { get; private init; } = "defaults";

    public SshdSetting? this[string keyword] => _settings.TryGetValue(keyword.ToLowerInvariant(), out var s) ? s : null;

    public string Get(string keyword) => this[keyword]?.Value ?? Defaults.GetValueOrDefault(keyword.ToLowerInvariant(), string.Empty);

    public IReadOnlyList<string> GetAll(string keyword) => this[keyword]?.Values ?? [];

    public IEnumerable<SshdSetting> Settings => _settings.Values;

    /// <summary>From sshd -T output, with file:line taken from the parsed files when a line set it.</summary>
    public static EffectiveSshdConfig FromSshdT(string output, SshdConfigFile parsed)
    {
        var config = new EffectiveSshdConfig { Source = "sshd -T" };
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                continue;
            }

            var keyword = line[..space].ToLowerInvariant();
            var value = line[(space + 1)..];
            var where = parsed.All(keyword).FirstOrDefault()?.Where ?? "default";
            if (config._settings.TryGetValue(keyword, out var existing))
            {
                config._settings[keyword] = existing with { Values = [.. existing.Values, value] };
            }
            else
            {
                config._settings[keyword] = new SshdSetting(keyword, [value], where);
            }
        }

        return config;
    }

    /// <summary>Without sshd -T: the parsed files for a connection by <paramref name="user"/> from <paramref name="address"/>.</summary>
    public static EffectiveSshdConfig FromFiles(SshdConfigFile parsed, PasswdEntry? user, IReadOnlyList<string> groups, string? address)
    {
        var config = new EffectiveSshdConfig { Source = parsed.Files.Count > 0 ? "parsed" : "defaults" };
        foreach (var d in parsed.Directives)
        {
            var keyword = d.Keyword.ToLowerInvariant();
            if (keyword is "match" or "include" || (d.Match is not null && !MatchApplies(d.Match, user, groups, address)))
            {
                continue;
            }

            if (Cumulative.Contains(keyword))
            {
                config._settings[keyword] = config._settings.TryGetValue(keyword, out var existing)
                    ? existing with { Values = [.. existing.Values, d.Value] }
                    : new SshdSetting(keyword, [d.Value], d.Where);
            }
            else
            {
                config._settings.TryAdd(keyword, new SshdSetting(keyword, [d.Value], d.Where));
            }
        }

        foreach (var (keyword, value) in Defaults)
        {
            config._settings.TryAdd(keyword, new SshdSetting(keyword, [value], "default"));
        }

        return config;
    }

    /// <summary>servconf.c:match_cfg_line for the criteria an audit can know: all, User, Group, Address, Host (by address only).</summary>
    public static bool MatchApplies(string criteria, PasswdEntry? user, IReadOnlyList<string> groups, string? address)
    {
        var tokens = ClientConfigFile.Tokenize("Match " + criteria).Skip(1).ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            var name = tokens[i].ToLowerInvariant();
            if (name == "all")
            {
                continue;
            }

            var patterns = i + 1 < tokens.Count ? tokens[++i].Split(',') : [];
            var ok = name switch
            {
                "user" => user is not null && PatternList.Matches(patterns, user.Name),
                "group" => groups.Any(g => PatternList.Matches(patterns, g)),
                "address" or "host" => address is not null && PatternList.MatchesAddress(patterns, address),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
