namespace SshDoctor.Audit;

/// <summary>One line of /etc/group: name, gid and the supplementary members.</summary>
public sealed record GroupEntry(string Name, uint Gid, IReadOnlyList<string> Members);
