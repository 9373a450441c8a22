namespace SshDoctor.Fixes.Planning;

/// <summary>
/// A program run for a change only it can make (fail2ban-client, systemctl, restorecon). <see cref="UndoArguments"/>
/// reverses it when that is possible; <see cref="Labels"/> keeps the SELinux labels a relabelling replaces, for undo.
/// </summary>
public sealed record ProgramStep : FixStep
{
    public required string Program { get; init; }

    public required IReadOnlyList<string> Arguments { get; init; }

    public IReadOnlyList<string>? UndoArguments { get; init; }

    /// <summary>Path and label (null: none) of every file the program may relabel, as they were.</summary>
    public IReadOnlyList<(string Path, byte[]? Label)>? Labels { get; init; }
}
