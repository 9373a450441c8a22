using SshDoctor.Ssh.HostKeys;

namespace SshDoctor.Ssh.KnownHosts;

/// <summary>
/// A parsed known_hosts file (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT", hostfile.c): comments and blank lines skipped,
/// invalid lines recorded with their number and skipped like OpenSSH does, never fatal.
/// </summary>
public sealed class KnownHostsFile
{
    private KnownHostsFile(string path, IReadOnlyList<KnownHostsEntry> entries, IReadOnlyList<KnownHostsInvalidLine> invalidLines)
    {
        Path = path;
        Entries = entries;
        InvalidLines = invalidLines;
    }

    public string Path { get; }

    public IReadOnlyList<KnownHostsEntry> Entries { get; }

    public IReadOnlyList<KnownHostsInvalidLine> InvalidLines { get; }

    /// <summary>Reads a file; a missing file is an empty one (OpenSSH ignores missing known_hosts files).</summary>
    public static KnownHostsFile Load(string path) =>
        File.Exists(path) ? Parse(path, File.ReadAllText(path)) : new KnownHostsFile(path, [], []);

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

    private static string NextField(ref ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart(" \t");
        var end = rest.IndexOfAny(' ', '\t');
        var field = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[end..];
        return field.ToString();
    }
}
