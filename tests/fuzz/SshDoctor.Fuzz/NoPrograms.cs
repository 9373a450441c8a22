using SshDoctor.Audit;

namespace SshDoctor.Fuzz;

/// <summary>No external program is installed: the audits fall back to what they parse themselves.</summary>
public sealed class NoPrograms : IProgramRunner
{
    public static NoPrograms Instance { get; } = new();

    public string? Find(string name) => null;

    public ProgramResult Run(string program, IReadOnlyList<string> arguments, TimeSpan? timeout = null) => ProgramResult.Missing;
}
