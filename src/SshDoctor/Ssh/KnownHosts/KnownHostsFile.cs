using SshDoctor.Ssh.HostKeys;

namespace SshDoctor.Ssh.KnownHosts;

/// <summary>
/// A parsed known_hosts file (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT", hostfile.c): comments and blank lines skipped,
/// invalid lines recorded with their number and skipped like OpenSSH does, never fatal.
/// </summary>
public sealed class KnownHostsFile
{
    /// <summary>Longer lines are not entries anyone wrote (an RSA-16384 key is 2.8 KB of base64): skipped as invalid.</summary>
    public const int MaxLineBytes = 64 << 10;

    /// <summary>How much of a file <see cref="Load"/> goes through, in one pass and with bounded memory.</summary>
    public const long MaxBytes = 4L << 30;

    /// <summary>Invalid lines kept with their text; more are only counted.</summary>
    private const int MaxInvalidKept = 100;

    private KnownHostsFile(string path, IReadOnlyList<KnownHostsEntry> entries, IReadOnlyList<KnownHostsInvalidLine> invalidLines)
    {
        Path = path;
        Entries = entries;
        InvalidLines = invalidLines;
    }

    public string Path { get; }

    /// <summary>The valid lines (only those for the names asked for, when <see cref="Names"/> is set).</summary>
    public IReadOnlyList<KnownHostsEntry> Entries { get; }

    public IReadOnlyList<KnownHostsInvalidLine> InvalidLines { get; }

    /// <summary>The lookup names <see cref="Load"/> kept entries for; null when every entry is kept.</summary>
    public IReadOnlyList<string>? Names { get; private init; }

    /// <summary>Why the file was not read (a FIFO, permission denied ...); null when it was, or is missing.</summary>
    public Files.FileRead? Unread { get; private init; }

    /// <summary>The file went on past <see cref="MaxBytes"/>: the rest was not read.</summary>
    public bool Cut { get; private init; }

    /// <summary>
    /// Reads a file in one pass with bounded memory (a missing file is an empty one: OpenSSH ignores missing known_hosts
    /// files; one that is not a regular file is not opened). With <paramref name="names"/> (lookup names as
    /// <see cref="HostPatternMatcher.LookupName"/> makes them), only the entries whose host field matches one of them
    /// are kept and only those lines are decoded: a 300 MB file costs one read, not its size in memory.
    /// </summary>
    public static KnownHostsFile Load(string path, IReadOnlyList<string>? names = null)
    {
        using var stream = Files.BoundedFile.OpenStream(path, out var status);
        if (stream is null)
        {
            return new KnownHostsFile(path, [], []) { Names = names, Unread = status.Problem == Files.FileReadProblem.Missing ? null : status };
        }

        var entries = new List<KnownHostsEntry>();
        var invalid = new List<KnownHostsInvalidLine>();
        var filter = names is null ? null : new HostFieldFilter(names);
        var lines = new Files.BoundedLineStream(stream, MaxLineBytes, Math.Min(status.Size, MaxBytes));
        foreach (var (number, raw) in lines.Lines())
        {
            if (raw is null)
            {
                Invalid(invalid, new KnownHostsInvalidLine(path, number, "line too long", string.Empty));
                continue;
            }

            var text = raw.TrimEnd('\r');
            if (filter is not null && !HostFieldMatches(text, filter))
            {
                continue;
            }

            var (entry, error) = ParseLine(path, number, text);
            if (entry is not null)
            {
                entries.Add(entry);
            }
            else if (error is not null)
            {
                Invalid(invalid, new KnownHostsInvalidLine(path, number, error, text));
            }
        }

        return new KnownHostsFile(path, entries, invalid) { Names = names, Cut = lines.Cut };
    }

    /// <summary>The entries of the file on disk whose key is <paramref name="blob"/>, read again in one pass (for a file loaded for some names only).</summary>
    public IEnumerable<KnownHostsEntry> WithKey(ReadOnlyMemory<byte> blob)
    {
        if (Names is null)
        {
            return Entries.Where(e => e.KeyBlob.Span.SequenceEqual(blob.Span));
        }

        var base64 = Convert.ToBase64String(blob.Span);
        using var stream = Files.BoundedFile.OpenStream(Path, out var status);
        if (stream is null)
        {
            return [];
        }

        var found = new List<KnownHostsEntry>();
        foreach (var (number, raw) in new Files.BoundedLineStream(stream, MaxLineBytes, Math.Min(status.Size, MaxBytes)).Lines())
        {
            // Only lines holding the key's base64 are parsed.
            if (raw is not null && raw.Contains(base64, StringComparison.Ordinal) && ParseLine(Path, number, raw.TrimEnd('\r')).Entry is { } entry
                && entry.KeyBlob.Span.SequenceEqual(blob.Span))
            {
                found.Add(entry);
            }
        }

        return found;
    }

    private static void Invalid(List<KnownHostsInvalidLine> invalid, KnownHostsInvalidLine line)
    {
        if (invalid.Count < MaxInvalidKept)
        {
            invalid.Add(line);
        }
    }

    /// <summary>The host field (after an optional marker) matches one of the names; a line with no such field is left to <see cref="ParseLine"/>.</summary>
    private static bool HostFieldMatches(string text, HostFieldFilter filter)
    {
        var rest = text.AsSpan().TrimStart(" \t");
        if (rest.IsEmpty || rest[0] == '#')
        {
            return false;
        }

        if (rest[0] == '@')
        {
            NextFieldSpan(ref rest);
        }

        return filter.Matches(NextFieldSpan(ref rest));
    }

    public static KnownHostsFile Parse(string path, string content)
    {
        var entries = new List<KnownHostsEntry>();
        var invalid = new List<KnownHostsInvalidLine>();
        var lines = content.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var text = lines[index].TrimEnd('\r');
            var (entry, error) = ParseLine(path, index + 1, text);
            if (entry is not null)
            {
                entries.Add(entry);
            }
            else if (error is not null)
            {
                invalid.Add(new KnownHostsInvalidLine(path, index + 1, error, text));
            }
        }

        return new KnownHostsFile(path, entries, invalid);
    }

    private static (KnownHostsEntry? Entry, string? Error) ParseLine(string path, int lineNumber, string text)
    {
        var rest = text.AsSpan().TrimStart(" \t");
        if (rest.IsEmpty || rest[0] == '#')
        {
            return (null, null);
        }

        var marker = KnownHostsMarker.None;
        if (rest[0] == '@')
        {
            var markerWord = NextField(ref rest);
            marker = markerWord switch
            {
                "@cert-authority" => KnownHostsMarker.CertAuthority,
                "@revoked" => KnownHostsMarker.Revoked,
                _ => (KnownHostsMarker)(-1),
            };
            if ((int)marker == -1)
            {
                return (null, $"invalid marker {markerWord}");
            }
        }

        var hosts = NextField(ref rest);
        if (hosts.StartsWith('@'))
        {
            return (null, "more than one marker");
        }

        var keyType = NextField(ref rest);
        var keyBase64 = NextField(ref rest);
        if (hosts.Length == 0 || keyType.Length == 0 || keyBase64.Length == 0)
        {
            return (null, "missing host, key type or key");
        }

        if (hosts.StartsWith('|') && HostPatternMatcher.CheckHashedField(hosts) is { } hashError)
        {
            return (null, hashError);
        }

        var blob = new byte[keyBase64.Length];
        if (!Convert.TryFromBase64String(keyBase64, blob, out var written))
        {
            return (null, "key is not valid base64");
        }

        var key = SshPublicKey.TryParse(blob.AsSpan(0, written));
        if (key is null || key.KeyType != keyType)
        {
            return (null, $"key blob is not a {keyType} key");
        }

        return (new KnownHostsEntry(path, lineNumber, marker, hosts, keyType, key.Blob, rest.Trim().ToString()), null);
    }

    private static ReadOnlySpan<char> NextFieldSpan(ref ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart(" \t");
        var end = rest.IndexOfAny(' ', '\t');
        var field = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[end..];
        return field;
    }

    private static string NextField(ref ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart(" \t");
        var end = rest.IndexOfAny(' ', '\t');
        var field = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[end..];
        return field.ToString();
    }
}
