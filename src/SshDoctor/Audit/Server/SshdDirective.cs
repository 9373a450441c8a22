namespace SshDoctor.Audit.Server;

/// <summary>One line of sshd_config: keyword, arguments, file:line and the Match block it sits in (null = global).</summary>
public sealed record SshdDirective(string File, int Line, string Keyword, IReadOnlyList<string> Arguments, string? Match)
{
    public string Where => $"{File}:{Line}";

    public string Value => string.Join(' ', Arguments);
}
