namespace SshDoctor.Audit.Local;

/// <summary>
/// ~/.ssh/config read as ssh does (readconf.c): one keyword per line, <c>=</c> or blanks between keyword and value,
/// <c>#</c> comments, Host/Match blocks, Include (relative to ~/.ssh, <c>~</c> expanded, globs in the last part),
/// at most 16 levels deep. The files themselves are kept so their permissions can be checked.
/// </summary>
public sealed class ClientConfigFile
{
    private const int MaxDepth = 16;

    public List<ClientConfigLine> Lines { get; } = [];

    /// <summary>The config file and every file it Includes that exists, in reading order.</summary>
    public List<string> Files { get; } = [];

    /// <summary>Include patterns that matched no file (ssh ignores them silently).</summary>
    public List<ClientConfigLine> EmptyIncludes { get; } = [];

    public bool Exists => Files.Count > 0;

    public static ClientConfigFile Load(IAuditFileSystem fs, string path, string sshDirectory, string home)
    {
        var config = new ClientConfigFile();
        if (fs.Stat(path).Exists)
        {
            config.Read(fs, path, sshDirectory, home, 0, null);
        }

        return config;
    }

    private void Read(IAuditFileSystem fs, string path, string sshDirectory, string home, int depth, string? block)
    {
        var text = fs.ReadText(path);
        if (text is null || depth > MaxDepth)
        {
            return;
        }

        Files.Add(path);
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var arguments = Tokenize(raw.TrimEnd('\r'));
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
                    var matches = Expand(fs, pattern, sshDirectory, home);
                    if (matches.Count == 0)
                    {
                        EmptyIncludes.Add(line);
                    }

                    foreach (var file in matches)
                    {
                        Read(fs, file, sshDirectory, home, depth + 1, block);
                    }
                }
            }
        }
    }

    /// <summary>readconf.c: a relative Include is relative to ~/.ssh for the user config; only the last component may be a glob.</summary>
    private static List<string> Expand(IAuditFileSystem fs, string pattern, string sshDirectory, string home)
    {
        var path = pattern.StartsWith("~/", StringComparison.Ordinal) ? home.TrimEnd('/') + pattern[1..]
            : pattern.StartsWith('/') ? pattern
            : sshDirectory + "/" + pattern;
        var slash = path.LastIndexOf('/');
        var dir = slash <= 0 ? "/" : path[..slash];
        var name = path[(slash + 1)..];
        if (name.IndexOfAny(['*', '?', '[']) < 0)
        {
            return fs.Stat(path).IsRegular ? [path] : [];
        }

        return fs.List(dir).Where(p => Glob(name, p[(p.LastIndexOf('/') + 1)..]) && fs.Stat(p).IsRegular).ToList();
    }

    private static bool Glob(string pattern, string name)
    {
        if (name.StartsWith('.') && !pattern.StartsWith('.'))
        {
            return false;
        }

        return HostPattern.Matches(pattern, name, ignoreCase: false);
    }

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
