namespace SshDoctor.Logs.Bulk;

/// <summary>A ban or unban seen in the log (fail2ban <c>Ban</c>/<c>Unban</c>, sshguard <c>Blocking</c>).</summary>
public sealed record BanRecord(LogTime? Time, string Action, string? Ip, string Where);
