using System.Security.Cryptography;
using System.Text;

namespace SshDoctor.Ssh.KnownHosts;

/// <summary>
/// Does a known_hosts host field name one of a few lookup names? Made for one pass over a large file: the names are
/// encoded once, a hashed field (<c>|1|salt|hash</c>) is decoded without allocating and each name hashed with
/// HMAC-SHA1 built from two SHA-1 calls (RFC 2104; the 20-byte salt is the key), as hostfile.c:host_hash does.
/// </summary>
internal sealed class HostFieldFilter(IReadOnlyList<string> names)
{
    private const int BlockSize = 64;
    private const int HashSize = 20;
    private readonly string[] _lowered = [.. names.Select(n => n.ToLowerInvariant())];
    private readonly byte[][] _encoded = [.. names.Select(n => Encoding.UTF8.GetBytes(n.ToLowerInvariant()))];
    private readonly int _longest = names.Count == 0 ? 0 : names.Max(n => Encoding.UTF8.GetByteCount(n.ToLowerInvariant()));

    public bool Matches(ReadOnlySpan<char> hostField)
    {
        if (!hostField.StartsWith(HostPatternMatcher.HashMagic, StringComparison.Ordinal))
        {
            var field = hostField.ToString();
            return _lowered.Any(name => HostPatternMatcher.Matches(field, name));
        }

        var rest = hostField[HostPatternMatcher.HashMagic.Length..];
        var bar = rest.IndexOf('|');
        Span<byte> salt = stackalloc byte[HashSize + 2];
        Span<byte> expected = stackalloc byte[HashSize + 2];
        if (bar < 0 || !Convert.TryFromBase64Chars(rest[..bar], salt, out var saltLength) || saltLength != HashSize
            || !Convert.TryFromBase64Chars(rest[(bar + 1)..], expected, out var hashLength) || hashLength != HashSize)
        {
            return false;
        }

        Span<byte> inner = stackalloc byte[BlockSize + _longest];
        Span<byte> outer = stackalloc byte[BlockSize + HashSize];
        Span<byte> digest = stackalloc byte[HashSize];
        for (var i = 0; i < BlockSize; i++)
        {
            var key = i < HashSize ? salt[i] : (byte)0;
            inner[i] = (byte)(key ^ 0x36);
            outer[i] = (byte)(key ^ 0x5c);
        }

        foreach (var name in _encoded)
        {
#pragma warning disable CA5350 // known_hosts hashing is HMAC-SHA1 (hostfile.c); we must reproduce it.
            name.CopyTo(inner[BlockSize..]);
            SHA1.HashData(inner[..(BlockSize + name.Length)], outer[BlockSize..]);
            SHA1.HashData(outer, digest);
#pragma warning restore CA5350
            if (CryptographicOperations.FixedTimeEquals(digest, expected[..HashSize]))
            {
                return true;
            }
        }

        return false;
    }
}
