namespace SshDoctor.Logs.Server;

/// <summary>What a log line's prefix says: when, on which host, by which process. Any part may be missing.</summary>
public sealed record ServerLineHeader(string? Time, string? Host, string? Process, int? Pid)
{
    public static ServerLineHeader None { get; } = new(null, null, null, null);
}
