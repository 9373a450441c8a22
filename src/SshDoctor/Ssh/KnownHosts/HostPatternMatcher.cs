using System.Security.Cryptography;
using System.Text;

namespace SshDoctor.Ssh.KnownHosts;

/// <summary>
/// OpenSSH's host matching (match.c:match_hostname / match_pattern_list, hostfile.c:match_maybe_hashed):
/// comma-separated patterns with <c>*</c> and <c>?</c>, a leading <c>!</c> negates and wins, case-insensitive;
/// or a hashed <c>|1|base64(salt)|base64(HMAC-SHA1(salt, name))</c>.
/// </summary>
internal static class HostPatternMatcher
{
    public const string HashMagic = "|1|";
    private const int SaltLength = 20;

    /// <summary>The name OpenSSH looks up: <c>host</c> for port 22, else <c>[host]:port</c>, lower-cased.</summary>
    public static string LookupName(string host, int port) =>
        (port == 22 ? host : $"[{host}]:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}").ToLowerInvariant();

    /// <summary>True when the host field matches; false when it does not or a negation excludes the name.</summary>
    public static bool Matches(string hostField, string name)
    {
        if (hostField.StartsWith('|'))
        {
            return MatchesHashed(hostField, name);
        }

        var lowered = name.ToLowerInvariant();
        var positive = false;
        foreach (var raw in hostField.Split(','))
        {
            var negated = raw.StartsWith('!');
            var pattern = (negated ? raw[1..] : raw).ToLowerInvariant();
            if (MatchPattern(lowered, pattern))
            {
                if (negated)
                {
                    return false;
                }

                positive = true;
            }
        }

        return positive;
    }

    /// <summary>Null when a hashed field is well formed; otherwise why not (OpenSSH: "bad host hash").</summary>
    public static string? CheckHashedField(string hostField)
    {
        return TryParseHashed(hostField, out _, out _) ? null : "bad host hash";
    }

    /// <summary>Hashes a name with a salt as <c>ssh-keygen -H</c> does.</summary>
    public static string Hash(string name, byte[] salt)
    {
#pragma warning disable CA5350 // HMAC-SHA1 is the known_hosts hashing format (hostfile.c:host_hash); we must reproduce it.
        var mac = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name));
#pragma warning restore CA5350
        return $"{HashMagic}{Convert.ToBase64String(salt)}|{Convert.ToBase64String(mac)}";
    }

    /// <summary>Wildcard match of one pattern: <c>*</c> any run of characters, <c>?</c> exactly one.</summary>
    public static bool MatchPattern(ReadOnlySpan<char> text, ReadOnlySpan<char> pattern)
    {
        // Iterative with one backtrack point: linear in practice, no recursion a hostile file could blow up.
        int t = 0, p = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool MatchesHashed(string hostField, string name)
    {
        if (!TryParseHashed(hostField, out var salt, out var expected))
        {
            return false;
        }

#pragma warning disable CA5350 // see Hash
        var actual = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name.ToLowerInvariant()));
#pragma warning restore CA5350
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool TryParseHashed(string hostField, out byte[] salt, out byte[] hash)
    {
        salt = [];
        hash = [];
        if (!hostField.StartsWith(HashMagic, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = hostField[HashMagic.Length..].Split('|');
        if (parts.Length != 2)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[0]);
            hash = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length == SaltLength && hash.Length == SaltLength;
    }
}
