namespace SshDoctor.Config;

/// <summary>
/// The host and user names ssh accepts from its command line, checked exactly as OpenSSH checks them
/// (readconf.c <c>ssh_valid_hostname</c> / <c>ssh_valid_ruser</c>, since 9.6: the CVE-2023-51385 fix). A name that
/// starts with '-' would be read as an option by a program it is passed to, and one with shell syntax would reach
/// a shell through the %h / %r expansion of ProxyCommand, LocalCommand or Match exec; ssh stops before it reads any
/// configuration, and so does the doctor, whichever parser resolves the destination.
/// </summary>
public static class SshNames
{
    /// <summary>ssh's own words (ssh.c) when it refuses the destination's host name.</summary>
    public const string InvalidHostMessage = "hostname contains invalid characters";

    /// <summary>ssh's own words (ssh.c) when it refuses the user name.</summary>
    public const string InvalidUserMessage = "remote username contains invalid characters";

    /// <summary>ssh's words (readconf.c parse_jump, then "Invalid -J argument") for a jump host's refused host name.</summary>
    public const string InvalidJumpHostMessage = "invalid hostname";

    /// <summary>ssh's words (readconf.c parse_jump) for a jump host's refused user name.</summary>
    public const string InvalidJumpUserMessage = "invalid username";

    private const string HostForbidden = "'`\"$\\;&<>|(){},";
    private const string UserForbidden = "'`\";&<>|(){}";

    /// <summary>True when ssh accepts <paramref name="name"/> as the destination host (or a -J hop's host).</summary>
    public static bool IsValidHostname(string name)
    {
        if (name.StartsWith('-'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (HostForbidden.Contains(c, StringComparison.Ordinal) || IsCSpace(c) || IsCControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when ssh accepts <paramref name="name"/> as the remote user given on its command line.</summary>
    public static bool IsValidRemoteUser(string name)
    {
        if (name.StartsWith('-'))
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var next = i + 1 < name.Length ? name[i + 1] : '\0';
            if (IsCControl(c) || UserForbidden.Contains(c, StringComparison.Ordinal)
                || (IsCSpace(c) && next == '-')
                || (c == '\\' && next == '\0'))
            {
                return false;
            }
        }

        return true;
    }

    // isspace / iscntrl as ssh calls them on each byte: ASCII only (a byte of a UTF-8 sequence is neither).
    private static bool IsCSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    private static bool IsCControl(char c) => c < ' ' || c == '\u007f';
}
