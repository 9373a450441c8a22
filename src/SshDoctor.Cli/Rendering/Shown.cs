namespace SshDoctor.Cli.Rendering;

/// <summary>
/// Text already made safe to print, with its colour when colour is on. Made only by <see cref="Terminal"/> (Paint,
/// Bold, Dim, Join, Block), which escape what they are given; written as is by <see cref="TerminalLine"/>.
/// </summary>
internal readonly struct Shown
{
    private readonly string? _text;

    internal Shown(string safeText)
    {
        _text = safeText;
    }

    /// <summary>The text as it goes to the terminal (colour sequences included when colour is on).</summary>
    public string Text => _text ?? string.Empty;

    public override string ToString() => Text;
}
