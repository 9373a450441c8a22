using System.Security.Cryptography;
using System.Text;

namespace SshDoctor.Fixes.KnownHosts;

/// <summary>
/// Decides, line by line, what <c>ssh-keygen -R NAME</c> does with a known_hosts line, following OpenSSH's
/// hostfile.c (hostkeys_foreach_file, check_markers, match_maybe_hashed, extract_salt) and match.c
/// (match_hostname, match_pattern_list) to the letter, so that the fix removes exactly what the printed command would.
/// </summary>
public static class KnownHostsMatcher
{
    private const string HashMagic = "|1|";

    // sshkey.c keyimpls: full names (exact) and, for plain (non-certificate) types, short names (any case).
    private static readonly HashSet<string> KeyTypeNames = new(StringComparer.Ordinal)
    {
        "ssh-ed25519", "ssh-ed25519-cert-v01@openssh.com", "sk-ssh-ed25519@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com",
        "ssh-rsa", "rsa-sha2-256", "rsa-sha2-512", "ssh-rsa-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com",
        "ssh-dss", "ssh-dss-cert-v01@openssh.com",
        "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521-cert-v01@openssh.com",
        "sk-ecdsa-sha2-nistp256@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", "webauthn-sk-ecdsa-sha2-nistp256@openssh.com",
    };

    private static readonly HashSet<string> ShortNames = new(StringComparer.OrdinalIgnoreCase) { "ED25519", "ED25519-SK", "RSA", "DSA", "ECDSA", "ECDSA-SK" };

    /// <summary>What ssh-keygen -R <paramref name="name"/> does with a line (<paramref name="raw"/>: the line without its '\n').</summary>
    public static (KnownHostsLineKind Kind, string? Why) Classify(string raw, string name)
    {
        var cp = 0;
        while (cp < raw.Length && raw[cp] is ' ' or '\t')
        {
            cp++;
        }

        if (cp == raw.Length || raw[cp] == '#')
        {
            return (KnownHostsLineKind.Comment, null);
        }

        var marker = CheckMarkers(raw, ref cp);
        if (marker is null)
        {
            return (KnownHostsLineKind.Invalid, "invalid marker");
        }

        var hostEnd = cp;
        while (hostEnd < raw.Length && raw[hostEnd] is not (' ' or '\t'))
        {
            hostEnd++;
        }

        if (hostEnd == raw.Length)
        {
            return (KnownHostsLineKind.Invalid, "truncated line");
        }

        var hosts = raw[cp..hostEnd];
        var match = MatchMaybeHashed(name, hosts);
        if (match < 0)
        {
            return (KnownHostsLineKind.Invalid, "bad host hash");
        }

        var rest = hostEnd + 1;
        while (rest < raw.Length && raw[rest] is ' ' or '\t')
        {
            rest++;
        }

        if (rest == raw.Length || raw[rest] == '#')
        {
            return (KnownHostsLineKind.Invalid, "truncated before key type");
        }

        var typeEnd = rest;
        while (typeEnd < raw.Length && raw[typeEnd] is not (' ' or '\t'))
        {
            typeEnd++;
        }

        var length = typeEnd - rest;
        if (length <= 1 || length >= 128 || typeEnd == raw.Length)
        {
            return (KnownHostsLineKind.Invalid, "bad key type");
        }

        var type = raw[rest..typeEnd];
        if (!IsKeyType(type))
        {
            return (KnownHostsLineKind.Invalid, $"unknown key type {type}");
        }

        var after = typeEnd;
        while (after < raw.Length && raw[after] is ' ' or '\t')
        {
            after++;
        }

        if (after == raw.Length || raw[after] == '#')
        {
            return (KnownHostsLineKind.Invalid, "truncated after key type");
        }

        if (match == 0)
        {
            return (KnownHostsLineKind.Other, null);
        }

        return marker == string.Empty ? (KnownHostsLineKind.Matched, null) : (KnownHostsLineKind.MatchedMarker, marker);
    }

    /// <summary>hostfile.c:check_markers: "" for none, the marker, or null for an invalid one (its quirks included).</summary>
    private static string? CheckMarkers(string raw, ref int cp)
    {
        var found = string.Empty;
        while (cp < raw.Length && raw[cp] == '@')
        {
            if (found.Length > 0)
            {
                return null;
            }

            // strchr(cp, ' ') first, then '\t': a tab after the marker only counts when no space follows anywhere.
            var sp = raw.IndexOf(' ', cp);
            if (sp < 0)
            {
                sp = raw.IndexOf('\t', cp);
            }

            if (sp < 0 || sp <= cp + 1 || sp >= cp + 32)
            {
                return null;
            }

            var marker = raw[cp..sp];
            if (marker is not ("@cert-authority" or "@revoked"))
            {
                return null;
            }

            found = marker;
            cp = sp;
            while (cp < raw.Length && raw[cp] is ' ' or '\t')
            {
                cp++;
            }
        }

        return found;
    }

    private static bool IsKeyType(string type) => KeyTypeNames.Contains(type) || ShortNames.Contains(type);

    /// <summary>C's tolower() in the C locale: ASCII letters only.</summary>
    public static string AsciiLower(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] + 32) : source[i];
        }
    });

    /// <summary>hostfile.c:match_maybe_hashed: 1 match, 0 no match, -1 a hashed field ssh cannot read.</summary>
    public static int MatchMaybeHashed(string host, string names)
    {
        if (names.StartsWith('|'))
        {
            var hashed = HostHash(host, names);
            return hashed is null ? -1 : hashed == names ? 1 : 0;
        }

        return MatchPatternList(AsciiLower(host), names) == 1 ? 1 : 0;
    }

    /// <summary>hostfile.c:host_hash with the salt of <paramref name="names"/>; null when the salt cannot be read.</summary>
    public static string? HostHash(string host, string names)
    {
        if (!names.StartsWith(HashMagic, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = names[HashMagic.Length..];
        var delimiter = rest.IndexOf('|', StringComparison.Ordinal);
        if (delimiter is <= 0 or > 1024)
        {
            return null;
        }

        var salt = new byte[1024];
        if (!Convert.TryFromBase64String(rest[..delimiter], salt, out var length) || length != 20)
        {
            return null;
        }

        return Hash(host, salt[..20]);
    }

    /// <summary>The hashed form of a name (ssh-keygen -H, HashKnownHosts): |1|base64(salt)|base64(HMAC-SHA1(salt, name)).</summary>
    public static string Hash(string host, byte[] salt)
    {
#pragma warning disable CA5350 // HMAC-SHA1 is the known_hosts hashing format (hostfile.c:host_hash); the fix must reproduce it.
        var mac = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(host));
#pragma warning restore CA5350
        return $"{HashMagic}{Convert.ToBase64String(salt)}|{Convert.ToBase64String(mac)}";
    }

    /// <summary>match.c:match_pattern_list with dolower: 1 positive, 0 none, -1 negated.</summary>
    public static int MatchPatternList(string host, string pattern)
    {
        var positive = false;
        var i = 0;
        while (i < pattern.Length)
        {
            var negated = false;
            if (pattern[i] == '!')
            {
                negated = true;
                i++;
            }

            var start = i;
            while (i < pattern.Length && i - start < 1023 && pattern[i] != ',')
            {
                i++;
            }

            if (i - start >= 1023)
            {
                return 0;
            }

            var sub = AsciiLower(pattern[start..i]);
            if (i < pattern.Length && pattern[i] == ',')
            {
                i++;
            }

            if (Ssh.KnownHosts.HostPatternMatcher.MatchPattern(host, sub))
            {
                if (negated)
                {
                    return -1;
                }

                positive = true;
            }
        }

        return positive ? 1 : 0;
    }
}
