namespace SshDoctor.Audit.Server;

/// <summary>Where check-server found sshd's recent log: a file (path as on the server, below --root when given) or the systemd journal.</summary>
public sealed record SshdLogLocation(SshdLogKind Kind, string? File)
{
    public static SshdLogLocation Journal { get; } = new(SshdLogKind.Journal, null);

    public static SshdLogLocation OfFile(string path) => new(SshdLogKind.File, path);
}
