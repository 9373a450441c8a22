namespace SshDoctor.Fixes.Planning;

/// <summary>
/// One change a fix makes, as data: what it applies, what undo reverses, and <see cref="Command"/>, the shell command
/// that does the same (printed in the plan and the report, quoted by <c>ShellQuote.Word</c>), built from the same values.
/// </summary>
public abstract record FixStep
{
    /// <summary>The path changed, as this machine names it.</summary>
    public required string Path { get; init; }

    /// <summary>The equivalent shell command, or null when the change is an edit shown as a diff.</summary>
    public string? Command { get; init; }
}
