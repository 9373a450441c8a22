namespace SshDoctor.Cli.Rendering;

/// <summary>
/// The colours of the human output by what they mean, as the SGR codes <see cref="Terminal.Paint"/> takes; the escape
/// sequences themselves are written only by <see cref="Terminal"/>.
/// </summary>
internal static class Style
{
    /// <summary>A failure, a root cause: bold red.</summary>
    public const string Failed = "1;31";

    /// <summary>A refused key, a removed line, a recorded key that no longer matches: red.</summary>
    public const string Bad = "31";

    /// <summary>A stage passed, a key accepted, a fix confirmed, an added line: green.</summary>
    public const string Good = "32";

    /// <summary>A warning, a possible cause, something not applied: yellow.</summary>
    public const string Warning = "33";

    /// <summary>A hint, a command to run, a diff's hunk header: cyan.</summary>
    public const string Note = "36";

    public const string Bold = "1";

    public const string Dim = "2";
}
