namespace SshDoctor.Ssh;

/// <summary>The server's identification line (RFC 4253 §4.2) and what came before it.</summary>
/// <param name="Line">The <c>SSH-protoversion-softwareversion [comments]</c> line without CR LF.</param>
/// <param name="ProtocolVersion">e.g. <c>2.0</c> or <c>1.99</c>.</param>
/// <param name="SoftwareVersion">e.g. <c>OpenSSH_9.2p1</c>.</param>
/// <param name="Comments">Text after the first space, e.g. <c>Debian-2+deb12u3</c>; empty when none.</param>
public sealed record ServerIdentification(string Line, string ProtocolVersion, string SoftwareVersion, string Comments)
{
    /// <summary>Parses an <c>SSH-</c> line (CR LF already removed); null when it does not start with <c>SSH-</c> and a version.</summary>
    public static ServerIdentification? TryParse(string line)
    {
        if (!line.StartsWith("SSH-", StringComparison.Ordinal))
        {
            return null;
        }

        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var head = space < 0 ? line : line[..space];
        var comments = space < 0 ? "" : line[(space + 1)..];
        var dash = head.IndexOf('-', 4);
        if (dash < 0)
        {
            return null;
        }

        return new ServerIdentification(line, head[4..dash], head[(dash + 1)..], comments);
    }
}
