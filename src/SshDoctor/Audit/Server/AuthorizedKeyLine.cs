using SshDoctor.Audit.Local;

namespace SshDoctor.Audit.Server;

/// <summary>One authorized_keys line (sshd(8) AUTHORIZED_KEYS FILE FORMAT): optional options, key type, base64 key, comment.</summary>
public sealed record AuthorizedKeyLine(string? Options, PublicKeyInfo Key, string Comment)
{
    public static AuthorizedKeyLine? Parse(string line)
    {
        if (PublicKeyInfo.FromLine(line, out var comment) is { } plain)
        {
            return new AuthorizedKeyLine(null, plain, comment);
        }

        // Options run to the first blank outside double quotes.
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && (line[i] == ' ' || line[i] == '\t'))
            {
                return PublicKeyInfo.FromLine(line[(i + 1)..], out var c) is { } key ? new AuthorizedKeyLine(line[..i], key, c) : null;
            }
        }

        return null;
    }
}
