using SshDoctor.Fixes.Text;

namespace SshDoctor.Fixes.SshConfig;

/// <summary>One ssh_config file: its bytes as lines (kept exactly) and each line parsed.</summary>
public sealed class SshConfigFile
{
    private SshConfigFile(string path, byte[]? content, TextLines text, IReadOnlyList<SshConfigLine> lines)
    {
        Path = path;
        Content = content;
        Text = text;
        Lines = lines;
    }

    public string Path { get; }

    /// <summary>The bytes as read; null when the file does not exist (a new one is made).</summary>
    public byte[]? Content { get; }

    public TextLines Text { get; }

    public IReadOnlyList<SshConfigLine> Lines { get; }

    public static SshConfigFile Parse(string path, byte[]? content)
    {
        var text = TextLines.Parse(content ?? []);
        var lines = new List<SshConfigLine>();
        for (var i = 0; i < text.Lines.Count; i++)
        {
            var line = SshConfigLine.Parse(i, text.Lines[i].Raw)
                ?? throw new FixInputException($"{path} line {i + 1}: invalid quotes (ssh refuses this file too); nothing was changed");
            lines.Add(line);
        }

        return new SshConfigFile(path, content, text, lines);
    }

    /// <summary>The lines of the block that starts at <paramref name="header"/> (up to the next Host or Match line).</summary>
    public IEnumerable<SshConfigLine> Block(SshConfigLine header) => Lines.Skip(header.Index + 1).TakeWhile(l => !l.StartsBlock);

    /// <summary>The indentation option lines use in this file (the first indented one), else four spaces.</summary>
    public string UsualIndent => Lines.FirstOrDefault(l => !l.IsBlankOrComment && !l.StartsBlock && l.Indent.Length > 0)?.Indent ?? "    ";
}
