using SshDoctor.Fixes.Text;

namespace SshDoctor.Fixes.KnownHosts;

/// <summary>
/// One known_hosts file after a host key fix: the entries <c>ssh-keygen -R NAME</c> deletes are gone, the verified key
/// (if any) is appended as ssh appends it, and every other byte (comments, markers, invalid lines, CRLF, a missing final
/// newline before the end) is as it was.
/// </summary>
/// <param name="Removed">1-based numbers of the deleted lines.</param>
/// <param name="Kept">Lines for NAME that stay: @cert-authority / @revoked entries.</param>
/// <param name="Invalid">Lines ssh-keygen calls invalid (with why): kept; ssh-keygen -R itself refuses such a file.</param>
public sealed record KnownHostsEdit(byte[] Content, IReadOnlyList<int> Removed, IReadOnlyList<int> Kept, IReadOnlyList<(int Line, string Why)> Invalid, bool Added)
{
    /// <summary>Removes the entries for <paramref name="name"/> (none when null) and appends <paramref name="newEntry"/> (a whole line, without newline) if given.</summary>
    public static KnownHostsEdit Apply(byte[] content, string? name, string? newEntry)
    {
        var file = TextLines.Parse(content);
        var removed = new List<int>();
        var kept = new List<int>();
        var invalid = new List<(int, string)>();
        var result = new List<Line>();
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var line = file.Lines[i];
            var (kind, why) = name is null ? (KnownHostsLineKind.Other, null) : KnownHostsMatcher.Classify(line.Raw, name);
            switch (kind)
            {
                case KnownHostsLineKind.Matched:
                    removed.Add(i + 1);
                    continue;
                case KnownHostsLineKind.MatchedMarker:
                    kept.Add(i + 1);
                    break;
                case KnownHostsLineKind.Invalid:
                    invalid.Add((i + 1, why ?? "invalid"));
                    break;
            }

            result.Add(line);
        }

        var newLine = file.NewLine;
        var edited = TextLines.Parse(Join(result));
        if (newEntry is not null)
        {
            edited.TerminateLast();
            edited.Lines.Add(TextLines.NewLineOf(newEntry, newLine));
        }

        return new KnownHostsEdit(edited.ToBytes(), removed, kept, invalid, newEntry is not null);
    }

    /// <summary>The line ssh writes for a new host key (hostfile.c:format_host_entry): NAME (or its hash) TYPE BASE64.</summary>
    public static string EntryLine(string name, string keyText, byte[]? salt) =>
        (salt is null ? name : KnownHostsMatcher.Hash(name, salt)) + " " + keyText;

    private static byte[] Join(List<Line> lines)
    {
        using var buffer = new MemoryStream();
        foreach (var line in lines)
        {
            buffer.Write(line.Content);
            if (line.Terminated)
            {
                buffer.WriteByte((byte)'\n');
            }
        }

        return buffer.ToArray();
    }
}
