namespace SshDoctor.Probing.UserSsh;

/// <summary>How an external program ended: exit code (-1 when it could not run or timed out) and its output.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);
