using SshDoctor.Fixes.Files;

namespace SshDoctor.Fixes.SshConfig;

/// <summary>
/// A user's ssh configuration: the main file (-F or ~/.ssh/config) and every file its <c>Include</c> lines name
/// (readconf.c: '~' expanded, relative names under ~/.ssh, glob patterns sorted), depth-first in reading order.
/// </summary>
public sealed class SshConfigSet
{
    private const int MaxDepth = 16;

    private SshConfigSet(IReadOnlyList<SshConfigFile> files) => Files = files;

    /// <summary>The main file first, then the included ones in the order ssh reads them.</summary>
    public IReadOnlyList<SshConfigFile> Files { get; }

    public SshConfigFile Main => Files[0];

    public static SshConfigSet Load(string mainPath, string home, Func<string, bool, FileSnapshot> read)
    {
        var files = new List<SshConfigFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Add(mainPath, 0, mayBeMissing: true);
        return new SshConfigSet(files);

        void Add(string path, int depth, bool mayBeMissing)
        {
            if (depth > MaxDepth || !seen.Add(path))
            {
                return;
            }

            var snapshot = read(path, mayBeMissing);
            var file = SshConfigFile.Parse(path, snapshot.Content);
            files.Add(file);
            foreach (var include in file.Lines.Where(l => l.Keyword == "include"))
            {
                foreach (var pattern in include.Arguments)
                {
                    foreach (var included in Expand(pattern, home))
                    {
                        Add(included, depth + 1, mayBeMissing: false);
                    }
                }
            }
        }
    }

    /// <summary>Every concrete name a Host line lists (no wildcard, no negation), and the wildcard patterns.</summary>
    public (IReadOnlyList<string> Names, IReadOnlyList<string> Patterns) HostPatterns()
    {
        var names = new List<string>();
        var patterns = new List<string>();
        foreach (var pattern in Files.SelectMany(f => f.Lines).Where(l => l.Keyword == "host").SelectMany(l => l.Arguments))
        {
            if (pattern.StartsWith('!'))
            {
                continue;
            }

            (pattern.AsSpan().ContainsAny('*', '?') ? patterns : names).Add(pattern);
        }

        return (names.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), patterns.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>readconf.c Include: ~ and ~/ expanded, relative to ~/.ssh, then glob(3) (sorted; no match is no file).</summary>
    public static IEnumerable<string> Expand(string pattern, string home)
    {
        var path = pattern.StartsWith("~/", StringComparison.Ordinal) ? home.TrimEnd('/') + pattern[1..]
            : pattern.StartsWith('/') ? pattern
            : home.TrimEnd('/') + "/.ssh/" + pattern;
        if (!path.AsSpan().ContainsAny('*', '?', '['))
        {
            return File.Exists(path) ? [path] : [];
        }

        var directory = Path.GetDirectoryName(path) ?? "/";
        var name = Path.GetFileName(path);
        if (directory.AsSpan().ContainsAny('*', '?', '[') || !Directory.Exists(directory))
        {
            return [];
        }

        return Directory.EnumerateFiles(directory)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && Ssh.KnownHosts.HostPatternMatcher.MatchPattern(Path.GetFileName(f), name))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
