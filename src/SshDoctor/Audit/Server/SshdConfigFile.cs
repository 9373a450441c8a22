using SshDoctor.Audit.Local;

namespace SshDoctor.Audit.Server;

/// <summary>
/// sshd_config as sshd reads it (servconf.c): keyword and arguments per line, Include (relative paths are relative to
/// /etc/ssh, globs sorted), Match blocks until the next Match. Kept line by line so every value can name its file:line.
/// </summary>
public sealed class SshdConfigFile
{
    private const int MaxDepth = 16;

    public List<SshdDirective> Directives { get; } = [];

    public List<string> Files { get; } = [];

    public static SshdConfigFile Load(IAuditFileSystem fs, string path)
    {
        var config = new SshdConfigFile();
        config.Read(fs, path, 0, null);
        return config;
    }

    private string? Read(IAuditFileSystem fs, string path, int depth, string? match)
    {
        var text = fs.ReadText(path);
        if (text is null || depth > MaxDepth)
        {
            return match;
        }

        Files.Add(path);
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var tokens = ClientConfigFile.Tokenize(raw.TrimEnd('\r'));
            if (tokens.Count == 0)
            {
                continue;
            }

            var keyword = tokens[0];
            tokens.RemoveAt(0);
            if (keyword.Equals("Match", StringComparison.OrdinalIgnoreCase))
            {
                match = string.Join(' ', tokens);
                if (tokens.Count == 1 && tokens[0].Equals("all", StringComparison.OrdinalIgnoreCase))
                {
                    match = null;
                }
            }

            Directives.Add(new SshdDirective(path, number, keyword, tokens, match));
            if (keyword.Equals("Include", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var pattern in tokens)
                {
                    foreach (var file in Expand(fs, pattern))
                    {
                        match = Read(fs, file, depth + 1, match);
                    }
                }
            }
        }

        return match;
    }

    private static List<string> Expand(IAuditFileSystem fs, string pattern)
    {
        var path = pattern.StartsWith('/') ? pattern : "/etc/ssh/" + pattern;
        var slash = path.LastIndexOf('/');
        var dir = slash <= 0 ? "/" : path[..slash];
        var name = path[(slash + 1)..];
        if (name.IndexOfAny(['*', '?']) < 0)
        {
            return fs.Stat(path).IsRegular ? [path] : [];
        }

        return fs.List(dir)
            .Where(p => HostPattern.Matches(name, p[(p.LastIndexOf('/') + 1)..], ignoreCase: false) && fs.Stat(p).IsRegular)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The first global directive with this keyword (sshd keeps the first value of most keywords).</summary>
    public SshdDirective? FirstGlobal(string keyword) =>
        Directives.FirstOrDefault(d => d.Match is null && d.Keyword.Equals(keyword, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<SshdDirective> All(string keyword) =>
        Directives.Where(d => d.Keyword.Equals(keyword, StringComparison.OrdinalIgnoreCase));
}
