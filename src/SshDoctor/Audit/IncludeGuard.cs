using SshDoctor.Files;

namespace SshDoctor.Audit;

/// <summary>
/// Keeps the reading of a config file and the files it Includes finite. OpenSSH allows 16 levels
/// (READCONF_MAX_DEPTH, SERVCONF_MAX_DEPTH) and stops with "Too many recursive configuration includes" past them,
/// which is where every Include loop ends; here a loop is seen at once (a file that is still being read is included
/// again) and reported once. A file already read whole is not read again (a diamond of Includes reads it once), and a
/// budget of files, bytes and lines stops a fan-out that would take minutes. Every file goes through
/// <see cref="IAuditFileSystem.Read"/>: what could not be read, or was cut, is kept for the findings.
/// </summary>
public sealed class IncludeGuard(IAuditFileSystem fs)
{
    public const int MaxDepth = 16;
    public const int MaxFileBytes = 4 << 20;
    public const int MaxFiles = 10_000;
    public const long MaxTotalBytes = 32L << 20;
    public const int MaxLines = 250_000;

    private readonly HashSet<string> _reading = new(StringComparer.Ordinal);
    private readonly Stack<string> _readingOrder = new();
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private long _bytes;
    private int _lines;

    /// <summary>Every file read, in reading order.</summary>
    public List<string> Files { get; } = [];

    /// <summary>Files that exist but were not read (not regular, permission denied, a link loop, an error) or were cut.</summary>
    public List<FileRead> Problems { get; } = [];

    /// <summary>The Include that OpenSSH would stop at ("Too many recursive configuration includes"); null when none.</summary>
    public IncludeTooDeep? TooDeep { get; private set; }

    /// <summary>Which bound ended the reading early ("10000 files"), null when everything was read.</summary>
    public string? BudgetSpent { get; private set; }

    /// <summary>True once a loop, the depth or the budget ended the reading: the caller stops at once.</summary>
    public bool Stopped => TooDeep is not null || BudgetSpent is not null;

    /// <summary>
    /// The lines of <paramref name="path"/> (numbered from 1, the CR of a CR LF dropped) while the budget lasts; none
    /// when the file is not to be read. The file counts as being read until the enumeration ends, so an Include met
    /// on one of its lines that leads back to it is a loop.
    /// </summary>
    public IEnumerable<(int Number, string Text)> Lines(string path, int depth, (string File, int Line)? from)
    {
        var text = Enter(path, depth, from);
        if (text is null)
        {
            yield break;
        }

        try
        {
            var number = 0;
            foreach (var line in text.Split('\n'))
            {
                number++;
                if (Stopped || !CountLine())
                {
                    yield break;
                }

                yield return (number, line.TrimEnd('\r'));
            }
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>
    /// The text of <paramref name="path"/>, to be parsed between this call and <see cref="Leave"/>; null when it is not
    /// to be read (missing, a problem, already read, or the reading stopped). <paramref name="from"/> is the Include
    /// line that names it, null for the first file.
    /// </summary>
    private string? Enter(string path, int depth, (string File, int Line)? from)
    {
        if (Stopped)
        {
            return null;
        }

        var identity = fs.RealPath(path) ?? path;
        if (_reading.Contains(identity) || depth > MaxDepth)
        {
            TooDeep = new IncludeTooDeep(from?.File ?? path, from?.Line ?? 0, path, Loop: _reading.Contains(identity));
            return null;
        }

        if (_done.Contains(identity))
        {
            return null;
        }

        if (Files.Count >= MaxFiles)
        {
            BudgetSpent = $"{MaxFiles} files";
            return null;
        }

        var read = fs.Read(path, MaxFileBytes);
        if (read.Problem == FileReadProblem.Missing)
        {
            return null;
        }

        if (!read.Ok || read.Cut)
        {
            Problems.Add(read);
        }

        if (!read.Ok)
        {
            return null;
        }

        _bytes += read.Bytes.Length;
        if (_bytes > MaxTotalBytes)
        {
            BudgetSpent = $"{MaxTotalBytes >> 20} MiB";
            return null;
        }

        _reading.Add(identity);
        _readingOrder.Push(identity);
        Files.Add(path);
        return read.Text;
    }

    /// <summary>Counts one line; false once the line budget is spent (the caller stops reading).</summary>
    private bool CountLine()
    {
        if (++_lines <= MaxLines)
        {
            return true;
        }

        BudgetSpent ??= $"{MaxLines} lines";
        return false;
    }

    /// <summary>Ends the reading of the file <see cref="Enter"/> last returned text for.</summary>
    private void Leave()
    {
        var identity = _readingOrder.Pop();
        _reading.Remove(identity);
        _done.Add(identity);
    }

    /// <summary>
    /// What an Include pattern names (readconf.c/servconf.c: glob(3) of the last component, sorted): every entry whose
    /// name matches, whatever its type — a FIFO or a link loop that ssh would open must be seen, not skipped. A pattern
    /// without wildcards names its path when something is there.
    /// </summary>
    public IReadOnlyList<string> Expand(string path)
    {
        var slash = path.LastIndexOf('/');
        var dir = slash <= 0 ? "/" : path[..slash];
        var name = path[(slash + 1)..];
        if (name.IndexOfAny(['*', '?', '[']) < 0)
        {
            return fs.Stat(path, followLinks: false).Exists ? [path] : [];
        }

        return fs.List(dir)
            .Where(p => Glob(name, p[(p.LastIndexOf('/') + 1)..]))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static bool Glob(string pattern, string name) =>
        (!name.StartsWith('.') || pattern.StartsWith('.')) && Local.HostPattern.Matches(pattern, name, ignoreCase: false);
}
