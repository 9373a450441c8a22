namespace SshDoctor.Audit.Server;

/// <summary>An effective sshd setting: its value(s) and where it came from (file:line, or "default").</summary>
public sealed record SshdSetting(string Keyword, IReadOnlyList<string> Values, string Where)
{
    public string Value => string.Join(' ', Values);
}
