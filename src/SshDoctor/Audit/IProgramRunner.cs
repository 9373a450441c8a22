namespace SshDoctor.Audit;

/// <summary>Runs an external program (sshd -T, iptables-save, fail2ban-client ...) with a deadline and an output bound.</summary>
public interface IProgramRunner
{
    /// <summary>The full path of <paramref name="name"/> on PATH (or in sbin), null when it is not installed.</summary>
    string? Find(string name);

    ProgramResult Run(string program, IReadOnlyList<string> arguments, TimeSpan? timeout = null);
}
