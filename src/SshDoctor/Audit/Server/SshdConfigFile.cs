using SshDoctor.Audit.Local;

namespace SshDoctor.Audit.Server;

/// <summary>
/// sshd_config as sshd reads it (servconf.c): keyword and arguments per line, Include (relative paths are relative to
/// /etc/ssh, globs sorted), Match blocks until the next Match — and an included file's Match lines end with that file:
/// after it, the including file's Match state is back ("Don't let included files clobber the containing file's Match
/// state"). Bounded by <see cref="IncludeGuard"/>. Kept line by line so every value can name its file:line.
/// </summary>
public sealed class SshdConfigFile
{
    private SshdConfigFile(IncludeGuard guard) => Reading = guard;

    public List<SshdDirective> Directives { get; } = [];

    public List<string> Files => Reading.Files;

    /// <summary>How the reading went: files not read or cut, an Include loop, a spent budget.</summary>
    public IncludeGuard Reading { get; }

    /// <summary>
    /// Every file was read whole, with no loop: the only shape that <c>sshd -T</c>/<c>sshd -t</c> may be run on (a FIFO
    /// among the Includes would block sshd, /dev/zero would make it grow without end).
    /// </summary>
    public bool Sane => !Reading.Stopped && Reading.Problems.Count == 0;

    public static SshdConfigFile Load(IAuditFileSystem fs, string path)
    {
        var config = new SshdConfigFile(new IncludeGuard(fs));
        config.Read(path, 0, null, null);
        return config;
    }

    /// <param name="outer">The Match block the Include stood in: sshd never matches this file's Match lines outside it,
    /// so they are kept as both sets of criteria (all must hold).</param>
    private void Read(string path, int depth, string? outer, (string File, int Line)? from)
    {
        var match = outer;
        foreach (var (number, raw) in Reading.Lines(path, depth, from))
        {
            var tokens = ClientConfigFile.Tokenize(raw);
            if (tokens.Count == 0)
            {
                continue;
            }

            var keyword = tokens[0];
            tokens.RemoveAt(0);
            if (keyword.Equals("Match", StringComparison.OrdinalIgnoreCase))
            {
                var all = tokens.Count == 1 && tokens[0].Equals("all", StringComparison.OrdinalIgnoreCase);
                match = all ? outer : outer is null ? string.Join(' ', tokens) : outer + " " + string.Join(' ', tokens);
            }

            var directive = new SshdDirective(path, number, keyword, tokens, match);
            Directives.Add(directive);
            if (keyword.Equals("Include", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var pattern in tokens)
                {
                    foreach (var file in Reading.Expand(pattern.StartsWith('/') ? pattern : "/etc/ssh/" + pattern))
                    {
                        // The included file starts in this Match block; its own Match lines end with it.
                        Read(file, depth + 1, match, (path, number));
                    }
                }
            }
        }
    }

    /// <summary>The first global directive with this keyword (sshd keeps the first value of most keywords).</summary>
    public SshdDirective? FirstGlobal(string keyword) =>
        Directives.FirstOrDefault(d => d.Match is null && d.Keyword.Equals(keyword, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<SshdDirective> All(string keyword) =>
        Directives.Where(d => d.Keyword.Equals(keyword, StringComparison.OrdinalIgnoreCase));
}
