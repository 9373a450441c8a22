namespace SshDoctor.Audit;

/// <summary>One line of /etc/passwd.</summary>
public sealed record PasswdEntry(string Name, uint Uid, uint Gid, string Home, string Shell);
