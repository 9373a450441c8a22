namespace SshDoctor.Ssh.KnownHosts;

/// <summary>A line OpenSSH would skip with "parse error in hostkeys file" (not fatal).</summary>
public sealed record KnownHostsInvalidLine(string Path, int LineNumber, string Reason, string Text);
