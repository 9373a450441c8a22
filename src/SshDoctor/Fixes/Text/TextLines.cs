using System.Text;

namespace SshDoctor.Fixes.Text;

/// <summary>
/// A file as a list of lines that keeps every byte: each line is its content (a final '\r' included, as ssh reads it)
/// and whether a '\n' ended it. Joining the lines gives the original bytes back, so an edit touches exactly the lines it
/// replaces, inserts or removes.
/// </summary>
public sealed class TextLines
{
    private TextLines(List<Line> lines) => Lines = lines;

    public List<Line> Lines { get; }

    /// <summary>"\r\n" when every terminated line of the file ends so, else "\n".</summary>
    public string NewLine
    {
        get
        {
            var terminated = Lines.Where(l => l.Terminated).ToList();
            return terminated.Count > 0 && terminated.All(l => l.Content.Length > 0 && l.Content[^1] == '\r') ? "\r\n" : "\n";
        }
    }

    public static TextLines Parse(ReadOnlySpan<byte> content)
    {
        var lines = new List<Line>();
        var start = 0;
        while (start < content.Length)
        {
            var end = content[start..].IndexOf((byte)'\n');
            if (end < 0)
            {
                lines.Add(new Line(content[start..].ToArray(), false));
                break;
            }

            lines.Add(new Line(content.Slice(start, end).ToArray(), true));
            start += end + 1;
        }

        return new TextLines(lines);
    }

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        foreach (var line in Lines)
        {
            buffer.Write(line.Content);
            if (line.Terminated)
            {
                buffer.WriteByte((byte)'\n');
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Makes sure the last line ends with a newline before something is appended after it.</summary>
    public void TerminateLast()
    {
        if (Lines.Count > 0 && !Lines[^1].Terminated)
        {
            var last = Lines[^1];
            var crlf = NewLine == "\r\n" && (last.Content.Length == 0 || last.Content[^1] != '\r');
            Lines[^1] = new Line(crlf ? [.. last.Content, (byte)'\r'] : last.Content, true);
        }
    }

    /// <summary>A new line of text (UTF-8) ending with <paramref name="newLine"/>.</summary>
    public static Line NewLineOf(string text, string newLine) =>
        new(Encoding.UTF8.GetBytes(newLine == "\r\n" ? text + "\r" : text), true);
}

/// <summary>One line: its bytes without the '\n', and whether a '\n' followed.</summary>
public sealed record Line(byte[] Content, bool Terminated)
{
    /// <summary>The line as text for parsing: Latin-1, so every byte maps to one character and nothing is lost; a final '\r' removed.</summary>
    public string Text => Encoding.Latin1.GetString(Content.AsSpan(0, Content.Length > 0 && Content[^1] == '\r' ? Content.Length - 1 : Content.Length));

    /// <summary>The line as ssh's getline() leaves it: everything but the '\n' (a '\r' stays).</summary>
    public string Raw => Encoding.Latin1.GetString(Content);
}
