namespace SshDoctor.Cli.Completion;

/// <summary>
/// The values a shell offers that only the program knows: destinations (the Host names of ~/.ssh/config and its
/// Includes, the names in the known_hosts files) and diagnosis ids. Read with bounds, because it runs on every Tab.
/// </summary>
internal static class CompletionValues
{
    private const int MaxFiles = 64;
    private const long MaxFileBytes = 4 * 1024 * 1024;
    private const int MaxValues = 2000;

    private static readonly string[] SystemKnownHosts = ["/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"];

    public static string UserHome() => Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home
        ? home
        : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public static IEnumerable<string> DiagnosisIds(string word) =>
        global::SshDoctor.Diagnosis.DiagnosisIds.All.Select(e => e.Id).Where(id => id.StartsWith(word, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    /// <summary>
    /// Destinations that complete <paramref name="word"/>: "we" gives "web1", "alice@we" gives "alice@web1", and in a
    /// jump list ("bastion,we") only the last hop is completed.
    /// </summary>
    public static IEnumerable<string> Destinations(string word, string home)
    {
        var comma = word.LastIndexOf(',');
        var hops = word[..(comma + 1)];
        var hop = word[(comma + 1)..];
        var at = hop.LastIndexOf('@');
        var user = hop[..(at + 1)];
        var host = hop[(at + 1)..];
        var sshDirectory = Path.Combine(home, ".ssh");
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var files = 0;
        AddConfigHosts(Path.Combine(sshDirectory, "config"), sshDirectory, names, ref files, depth: 0);
        foreach (var knownHosts in (string[])[Path.Combine(sshDirectory, "known_hosts"), Path.Combine(sshDirectory, "known_hosts2"), .. SystemKnownHosts])
        {
            AddKnownHosts(knownHosts, names, ref files);
        }

        return names.Where(n => n.StartsWith(host, StringComparison.Ordinal)).Take(MaxValues).Select(n => hops + user + n);
    }

    /// <summary>Host patterns that name one host (no wildcard, no negation), and the files its Include lines name.</summary>
    private static void AddConfigHosts(string path, string sshDirectory, SortedSet<string> names, ref int files, int depth)
    {
        foreach (var line in ReadLines(path, ref files))
        {
            var words = line.Trim().Replace('=', ' ').Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2)
            {
                continue;
            }

            if (words[0].Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var pattern in words.Skip(1).Select(w => w.Trim('"')))
                {
                    AddName(pattern, names);
                }
            }
            else if (words[0].Equals("Include", StringComparison.OrdinalIgnoreCase) && depth < 16)
            {
                foreach (var included in words.Skip(1).SelectMany(w => Expand(w.Trim('"'), sshDirectory)))
                {
                    AddConfigHosts(included, sshDirectory, names, ref files, depth + 1);
                }
            }
        }
    }

    /// <summary>The host names of known_hosts lines: "[host]:2222" becomes "host:2222"; hashed names are not readable.</summary>
    private static void AddKnownHosts(string path, SortedSet<string> names, ref int files)
    {
        foreach (var line in ReadLines(path, ref files))
        {
            var fields = line.Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || fields[0].StartsWith('#') || fields[0].StartsWith('|'))
            {
                continue;
            }

            var hosts = fields[0];
            if (hosts.StartsWith('@'))
            {
                continue; // @cert-authority and @revoked lines name patterns and keys to refuse, not hosts to visit
            }

            foreach (var name in hosts.Split(','))
            {
                AddName(name.StartsWith('[') && name.IndexOf("]:", StringComparison.Ordinal) is var close and > 0
                    ? string.Concat(name.AsSpan(1, close - 1), ":", name.AsSpan(close + 2))
                    : name, names);
            }
        }
    }

    private static void AddName(string name, SortedSet<string> names)
    {
        // A completion is typed into a shell: no patterns, no negations, nothing that is not a plain name.
        if (name.Length is > 0 and <= 255 && names.Count < MaxValues && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':'))
        {
            names.Add(name);
        }
    }

    /// <summary>An Include argument as ssh reads it: relative to ~/.ssh, "~/" for the home, a wildcard in the file name.</summary>
    private static List<string> Expand(string pattern, string sshDirectory)
    {
        var home = Path.GetDirectoryName(sshDirectory)!;
        var path = pattern.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, pattern[2..])
            : Path.IsPathRooted(pattern) ? pattern
            : Path.Combine(sshDirectory, pattern);
        var directory = Path.GetDirectoryName(path);
        var name = Path.GetFileName(path);
        if (directory is null || name.Length == 0 || directory.Contains('*', StringComparison.Ordinal) || directory.Contains('?', StringComparison.Ordinal))
        {
            return [];
        }

        try
        {
            return Directory.Exists(directory) ? [.. Directory.EnumerateFiles(directory, name).Order(StringComparer.Ordinal).Take(MaxFiles)] : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return [];
        }
    }

    private static string[] ReadLines(string path, ref int files)
    {
        if (files >= MaxFiles)
        {
            return [];
        }

        files++;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxFileBytes)
            {
                return [];
            }

            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
