using SshDoctor.Ssh.KnownHosts;

namespace SshDoctor.Config;

/// <summary>
/// ssh_config(5) evaluated for one destination when no <c>ssh</c> is installed to ask (<c>ssh -G</c>): command-line
/// options first, then the user file, then the system file; <c>Host</c> and <c>Match</c> blocks, <c>Include</c> with
/// globs, and the first value of each keyword wins, as readconf.c does. <c>Match exec</c> is never run (it never matches).
/// </summary>
public sealed class SshConfigParser
{
    private readonly Audit.IncludeGuard _reading = new(new Audit.RootedFileSystem(null));
    private readonly string _home;
    private readonly string _localUser;
    private readonly ResolvedSshConfig _config = new() { Source = "ssh_config (built-in parser)" };
    private readonly string _originalHost;

    private SshConfigParser(string originalHost, string home, string localUser)
    {
        _originalHost = originalHost;
        _home = home;
        _localUser = localUser;
    }

    /// <summary>
    /// Resolves <paramref name="host"/>. <paramref name="commandLine"/> holds -o/-p/-l/-i/-J as keyword/value pairs
    /// (they win over every file). <paramref name="configFile"/> is -F: then only that file is read.
    /// </summary>
    public static ResolvedSshConfig Resolve(string host, IEnumerable<(string Keyword, string Value)> commandLine, string? configFile, string home, string localUser)
    {
        var parser = new SshConfigParser(host, home, localUser);
        foreach (var (keyword, value) in commandLine)
        {
            parser._config.Add(keyword.ToLowerInvariant(), value);
        }

        if (configFile is not null)
        {
            if (configFile != "none")
            {
                parser.ReadFile(ExpandTilde(configFile, home), userFile: true, depth: 0, from: null);
            }
        }
        else
        {
            parser.ReadFile(Path.Combine(home, ".ssh", "config"), userFile: true, depth: 0, from: null);
            parser.ReadFile("/etc/ssh/ssh_config", userFile: false, depth: 0, from: null);
        }

        parser.FillDefaults();
        return parser._config;
    }

    /// <summary>Replaces a leading <c>~/</c> with the home directory.</summary>
    public static string ExpandTilde(string path, string home) =>
        path == "~" ? home : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : path;

    /// <summary>Splits a config line into words, honouring double quotes; <c>keyword=value</c> is accepted.</summary>
    internal static List<string> Words(string line)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                quoted = !quoted;
                inWord = true;
                continue;
            }

            var separator = !quoted && (char.IsWhiteSpace(c) || (c == '=' && words.Count == 0));
            if (separator)
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }

                continue;
            }

            current.Append(c);
            inWord = true;
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private string CurrentHostName => (_config.First("hostname") ?? _originalHost).Replace("%h", _originalHost, StringComparison.Ordinal);

    /// <summary>One file, bounded as every config read is (<see cref="Audit.IncludeGuard"/>: regular files only, an Include loop stops the reading as it stops ssh).</summary>
    private void ReadFile(string path, bool userFile, int depth, (string File, int Line)? from)
    {
        var active = true;
        foreach (var (number, raw) in _reading.Lines(path, depth, from))
        {
            var hash = raw.TrimStart();
            if (hash.Length == 0 || hash[0] == '#')
            {
                continue;
            }

            var words = Words(raw);
            if (words.Count == 0)
            {
                continue;
            }

            var keyword = words[0].ToLowerInvariant();
            var args = words.Skip(1).ToList();
            switch (keyword)
            {
                case "host":
                    active = HostMatches(args);
                    continue;
                case "match":
                    active = MatchMatches(args);
                    continue;
                case "include":
                    if (active)
                    {
                        foreach (var pattern in args)
                        {
                            foreach (var file in ExpandInclude(pattern, userFile))
                            {
                                // An included file's Host/Match lines only affect that file (readconf.c keeps the caller's state).
                                ReadFile(file, userFile, depth + 1, (path, number));
                            }
                        }
                    }

                    continue;
            }

            if (active && args.Count > 0)
            {
                // Only the known_hosts keywords take several files on one line; the rest use their first argument.
                var value = keyword is "userknownhostsfile" or "globalknownhostsfile" ? string.Join(' ', args) : args[0];
                _config.Add(keyword, value);
            }
        }
    }

    private IReadOnlyList<string> ExpandInclude(string pattern, bool userFile)
    {
        var path = ExpandTilde(pattern, _home);
        if (!Path.IsPathRooted(path))
        {
            path = userFile ? Path.Combine(_home, ".ssh", path) : Path.Combine("/etc/ssh", path);
        }

        return _reading.Expand(path);
    }

    private bool HostMatches(List<string> patterns)
    {
        var positive = false;
        foreach (var raw in patterns)
        {
            var negated = raw.StartsWith('!');
            var pattern = (negated ? raw[1..] : raw).ToLowerInvariant();
            if (HostPatternMatcher.MatchPattern(_originalHost.ToLowerInvariant(), pattern))
            {
                if (negated)
                {
                    return false;
                }

                positive = true;
            }
        }

        return positive;
    }

    private bool MatchMatches(List<string> criteria)
    {
        for (var i = 0; i < criteria.Count; i++)
        {
            var criterion = criteria[i].ToLowerInvariant();
            var negated = criterion.StartsWith('!');
            criterion = negated ? criterion[1..] : criterion;
            bool result;
            switch (criterion)
            {
                case "all":
                    result = true;
                    break;
                case "canonical" or "final":
                    // The built-in parser makes a single pass; treat these as matching, like the final pass would.
                    result = true;
                    break;
                default:
                    if (i + 1 >= criteria.Count)
                    {
                        return false;
                    }

                    var argument = criteria[++i];
                    result = criterion switch
                    {
                        "host" => HostPatternMatcher.Matches(argument, CurrentHostName),
                        "originalhost" => HostPatternMatcher.Matches(argument, _originalHost),
                        "user" => HostPatternMatcher.Matches(argument, _config.First("user") ?? _localUser),
                        "localuser" => HostPatternMatcher.Matches(argument, _localUser),
                        _ => false, // exec, localnetwork, tagged: not evaluated without ssh
                    };
                    break;
            }

            if (result == negated)
            {
                return false;
            }
        }

        return true;
    }

    private void FillDefaults()
    {
        var host = CurrentHostName;
        if (!_config.Has("hostname"))
        {
            _config.Add("hostname", host);
        }
        else
        {
            // HostName may contain %h (the name typed on the command line).
            _config.Replace("hostname", host);
        }

        AddDefault("port", "22");
        AddDefault("user", _localUser);
        if (!_config.Has("identityfile"))
        {
            foreach (var name in (string[])["id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk", "id_xmss", "id_dsa"])
            {
                _config.Add("identityfile", "~/.ssh/" + name);
            }
        }

        AddDefault("userknownhostsfile", $"{_home}/.ssh/known_hosts {_home}/.ssh/known_hosts2");
        AddDefault("globalknownhostsfile", "/etc/ssh/ssh_known_hosts /etc/ssh/ssh_known_hosts2");
        AddDefault("identitiesonly", "no");
        AddDefault("stricthostkeychecking", "ask");
        AddDefault("batchmode", "no");
        AddDefault("pubkeyauthentication", "true");
        AddDefault("connecttimeout", "none");
        AddDefault("addressfamily", "any");
    }

    private void AddDefault(string keyword, string value)
    {
        if (!_config.Has(keyword))
        {
            _config.Add(keyword, value);
        }
    }
}
