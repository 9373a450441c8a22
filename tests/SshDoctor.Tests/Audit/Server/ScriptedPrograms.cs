using SshDoctor.Audit;

namespace SshDoctor.Tests.Audit.Server;

/// <summary>
/// An <see cref="IProgramRunner"/> that knows only the programs a test scripts (everything else is "not installed"),
/// so a server audit never runs the machine's own sshd, iptables or fail2ban-client.
/// </summary>
internal sealed class ScriptedPrograms : IProgramRunner
{
    private readonly Dictionary<string, Func<IReadOnlyList<string>, ProgramResult>> _scripts = new(StringComparer.Ordinal);

    public List<string> Calls { get; } = [];

    /// <summary><paramref name="program"/> exits 0 and prints <paramref name="stdout"/>, whatever its arguments.</summary>
    public ScriptedPrograms Prints(string program, string stdout) =>
        Answers(program, _ => new ProgramResult(0, stdout, string.Empty, TimedOut: false, NotFound: false));

    public ScriptedPrograms Answers(string program, Func<IReadOnlyList<string>, ProgramResult> answer)
    {
        _scripts[program] = answer;
        return this;
    }

    public string? Find(string name) => _scripts.ContainsKey(name) ? "/scripted/" + name : null;

    public ProgramResult Run(string program, IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        Calls.Add(string.Join(' ', [program, .. arguments]));
        return _scripts.TryGetValue(program, out var answer) ? answer(arguments) : ProgramResult.Missing;
    }
}
