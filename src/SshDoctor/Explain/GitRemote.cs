namespace SshDoctor.Explain;

/// <summary>
/// The ssh destination in a git command's arguments: the scp-like <c>user@host:path</c> or <c>ssh://user@host[:port]/path</c>
/// remote (git's connect.c). A remote without a user (<c>host:path</c>) or over another transport names nothing.
/// </summary>
public static class GitRemote
{
    public static (string? User, string? Host) Parse(string args)
    {
        foreach (var token in args.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var remote = token.Trim('\'', '"', '`');
            var url = remote.StartsWith("ssh://", StringComparison.Ordinal);
            if (url)
            {
                remote = remote["ssh://".Length..];
            }

            var at = remote.IndexOf('@', StringComparison.Ordinal);
            var end = remote.IndexOfAny(url ? [':', '/'] : [':']);
            if (at <= 0 || end <= at + 1 || remote.Contains("://", StringComparison.Ordinal))
            {
                continue;
            }

            var host = remote[(at + 1)..end];
            if (host.Contains('.', StringComparison.Ordinal) && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
            {
                return (remote[..at], host);
            }
        }

        return (null, null);
    }
}
