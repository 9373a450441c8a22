namespace SshDoctor.Audit.Local;

/// <summary>
/// ~/.ssh/config read as ssh does (readconf.c): one keyword per line, <c>=</c> or blanks between keyword and value,
/// <c>#</c> comments, Host/Match blocks, Include (relative to ~/.ssh, <c>~</c> expanded, globs in the last part),
/// at most 16 levels deep; bounded by <see cref="IncludeGuard"/>. The files themselves are kept so their permissions
/// can be checked.
/// </summary>
public sealed class ClientConfigFile
{
    private ClientConfigFile(IncludeGuard guard, bool present)
    {
        Reading = guard;
        Present = present;
    }

    public List<ClientConfigLine> Lines { get; } = [];

    /// <summary>The config file and every file it Includes that was read, in reading order.</summary>
    public List<string> Files => Reading.Files;

    /// <summary>Include patterns that matched no file (ssh ignores them silently).</summary>
    public List<ClientConfigLine> EmptyIncludes { get; } = [];

    /// <summary>How the reading went: files not read or cut, an Include loop, a spent budget.</summary>
    public IncludeGuard Reading { get; }

    /// <summary>Something is at the config's path (it may still not have been read: see <see cref="Reading"/>).</summary>
    public bool Present { get; }

    public bool Exists => Files.Count > 0;

    public static ClientConfigFile Load(IAuditFileSystem fs, string path, string sshDirectory, string home)
    {
        var config = new ClientConfigFile(new IncludeGuard(fs), fs.Stat(path, followLinks: false).Exists);
        config.Read(path, sshDirectory, home, 0, null, null);
        return config;
    }

    private void Read(string path, string sshDirectory, string home, int depth, string? block, (string File, int Line)? from)
    {
        foreach (var (number, raw) in Reading.Lines(path, depth, from))
        {
            var arguments = Tokenize(raw);
            if (arguments.Count == 0)
            {
                continue;
            }

            var keyword = arguments[0];
            arguments.RemoveAt(0);
            if (keyword.Equals("Host", StringComparison.OrdinalIgnoreCase) || keyword.Equals("Match", StringComparison.OrdinalIgnoreCase))
            {
                block = keyword + " " + string.Join(' ', arguments);
            }

            var line = new ClientConfigLine(path, number, keyword, arguments, block);
            Lines.Add(line);
            if (keyword.Equals("Include", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var pattern in arguments)
                {
                    var matches = Reading.Expand(Anchor(pattern, sshDirectory, home));
                    if (matches.Count == 0)
                    {
                        EmptyIncludes.Add(line);
                    }

                    foreach (var file in matches)
                    {
                        Read(file, sshDirectory, home, depth + 1, block, (path, number));
                    }
                }
            }
        }
    }

    /// <summary>readconf.c: a relative Include is relative to ~/.ssh for the user config; <c>~/</c> is the home.</summary>
    private static string Anchor(string pattern, string sshDirectory, string home) =>
        pattern.StartsWith("~/", StringComparison.Ordinal) ? home.TrimEnd('/') + pattern[1..]
            : pattern.StartsWith('/') ? pattern
            : sshDirectory + "/" + pattern;

    /// <summary>Splits a line as readconf.c does: the keyword ends at a blank or one '=', then blank-separated arguments, double quotes group, '#' starts a comment.</summary>
    public static List<string> Tokenize(string line)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        if (i >= line.Length || line[i] == '#')
        {
            return tokens;
        }

        var k = i;
        while (i < line.Length && !char.IsWhiteSpace(line[i]) && line[i] != '=')
        {
            i++;
        }

        tokens.Add(line[k..i]);
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        if (i < line.Length && line[i] == '=')
        {
            i++;
        }

        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            if (i >= line.Length || line[i] == '#')
            {
                break;
            }

            var token = new System.Text.StringBuilder();
            if (line[i] == '"')
            {
                i++;
                while (i < line.Length && line[i] != '"')
                {
                    token.Append(line[i++]);
                }

                i++;
            }
            else
            {
                while (i < line.Length && !char.IsWhiteSpace(line[i]))
                {
                    token.Append(line[i++]);
                }
            }

            tokens.Add(token.ToString());
        }

        return tokens;
    }
}
