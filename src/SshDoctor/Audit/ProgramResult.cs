namespace SshDoctor.Audit;

/// <summary>What an external program did: exit code (null when it could not start or was killed), bounded output.</summary>
public sealed record ProgramResult(int? ExitCode, string Stdout, string Stderr, bool TimedOut, bool NotFound)
{
    public bool Succeeded => ExitCode == 0;

    public static ProgramResult Missing { get; } = new(null, string.Empty, string.Empty, false, true);
}
