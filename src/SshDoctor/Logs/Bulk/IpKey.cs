using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The address a failure is counted under (<see cref="Address.Grouping"/>), as a value: a 128-bit number for an
/// address written the way it is printed (IPv4 dotted quad, IPv6 as <see cref="IPAddress"/> formats it), so a tally
/// hashes two words instead of a string and needs no interned string per address (an attack storm names hundreds of
/// thousands of addresses, each about once). Any other text (upper-case hex, leading zeros, a host name in
/// <c>rhost=</c>) is kept as its text, so two keys are equal exactly when their grouping texts are, and
/// <see cref="ToString"/> gives that text back.
/// </summary>
public readonly struct IpKey : IEquatable<IpKey>
{
    private const byte TextFamily = 0;
    private const byte V4Family = 4;
    private const byte V6Family = 6;

    private readonly ulong high;
    private readonly ulong low;
    private readonly string? text;
    private readonly byte family;

    private IpKey(byte family, ulong high, ulong low, string? text) => (this.family, this.high, this.low, this.text) = (family, high, low, text);

    /// <summary>The key of an address as a line wrote it (a zone id, <c>%eth0</c>, groups with the address on any interface).</summary>
    public static IpKey Of(string ip)
    {
        var zone = ip.IndexOf('%', StringComparison.Ordinal);
        var grouped = zone > 0 ? ip.AsSpan(0, zone) : ip.AsSpan();
        if (TryV4(grouped, out var v4))
        {
            return new IpKey(V4Family, 0, v4, null);
        }

        if (grouped.Contains(':') && TryV6(grouped, out var v6High, out var v6Low))
        {
            return new IpKey(V6Family, v6High, v6Low, null);
        }

        return new IpKey(TextFamily, 0, 0, zone > 0 ? grouped.ToString() : ip);
    }

    public bool Equals(IpKey other) =>
        family == other.family && high == other.high && low == other.low && string.Equals(text, other.text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is IpKey other && Equals(other);

    public override int GetHashCode()
    {
        if (text is not null)
        {
            return text.GetHashCode(StringComparison.Ordinal);
        }

        var mixed = ((high * 0x9E3779B97F4A7C15UL) ^ low ^ family) * 0xC2B2AE3D27D4EB4FUL;
        return (int)(mixed >> 32);
    }

    public static bool operator ==(IpKey left, IpKey right) => left.Equals(right);

    public static bool operator !=(IpKey left, IpKey right) => !left.Equals(right);

    /// <summary>The grouping text: made only when a report shows the address.</summary>
    public override string ToString()
    {
        switch (family)
        {
            case V4Family:
                return new IPAddress((long)BinaryPrimitives.ReverseEndianness((uint)low)).ToString();
            case V6Family:
                Span<byte> bytes = stackalloc byte[16];
                BinaryPrimitives.WriteUInt64BigEndian(bytes, high);
                BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], low);
                return new IPAddress(bytes).ToString();
            default:
                return text ?? string.Empty;
        }
    }

    /// <summary>A dotted quad as printed: four decimal numbers up to 255, no leading zero, nothing else.</summary>
    private static bool TryV4(ReadOnlySpan<char> span, out ulong value)
    {
        value = 0;
        if (span.Length is < 7 or > 15)
        {
            return false;
        }

        var part = 0;
        var digits = 0;
        uint number = 0;
        foreach (var c in span)
        {
            if (c == '.')
            {
                if (digits == 0 || ++part > 3)
                {
                    return false;
                }

                value = (value << 8) | number;
                (digits, number) = (0, 0);
                continue;
            }

            if (c is < '0' or > '9' || (digits == 1 && number == 0) || ++digits > 3)
            {
                return false;
            }

            number = (number * 10) + (uint)(c - '0');
            if (number > 255)
            {
                return false;
            }
        }

        value = (value << 8) | number;
        return part == 3 && digits > 0;
    }

    /// <summary>An IPv6 address written exactly as <see cref="IPAddress"/> prints it (lower case, shortest form).</summary>
    private static bool TryV6(ReadOnlySpan<char> span, out ulong high, out ulong low)
    {
        (high, low) = (0, 0);
        if (span.Length > 45 || !IPAddress.TryParse(span, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6 || address.ScopeId != 0)
        {
            return false;
        }

        Span<char> printed = stackalloc char[64];
        if (!address.TryFormat(printed, out var written) || !printed[..written].SequenceEqual(span))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out _))
        {
            return false;
        }

        high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        return true;
    }
}
