namespace SshDoctor.Audit.Local;

/// <summary>One directive of an ssh_config file: keyword as written, its arguments, where it is and the Host/Match block it is in.</summary>
public sealed record ClientConfigLine(string File, int Line, string Keyword, IReadOnlyList<string> Arguments, string? Block)
{
    public string Where => $"{File}:{Line}";

    public string Value => string.Join(' ', Arguments);
}
