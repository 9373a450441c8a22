using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SshDoctor.Logs.Bulk;

/// <summary>Source addresses as one client is known: an IPv4-mapped IPv6 address (<c>::ffff:1.2.3.4</c>, dual-stack sockets) is its IPv4 address, as fail2ban counts it.</summary>
public static class Address
{
    private const string Mapped = "::ffff:";
    private static readonly System.Buffers.SearchValues<char> DottedQuadChars = System.Buffers.SearchValues.Create("0123456789.");

    /// <summary>
    /// The address an address is counted under: an IPv6 address with a zone (<c>fe80::1%eth0</c>) without its zone, the
    /// same address on any interface (the event keeps the zone). Interned: a line with a zone makes no new string. A worker hands the
    /// summary this text's hash as it read the address (<see cref="LineClassifier.IpHash"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string Grouping(string ip)
    {
        // Inline up to the look for a %: the summary asks for every failure's and attempt's address.
        if (!MayHoldPercent(ip))
        {
            return ip;
        }

        return WithoutZone(ip);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string WithoutZone(string ip)
    {
        var zone = ip.IndexOf('%', StringComparison.Ordinal);
        return zone > 0 ? SpanInterner.Get(ip.AsSpan(0, zone)) : ip;
    }

    /// <summary>
    /// False when <paramref name="ip"/> holds no <c>%</c>: looked for inline, eight characters a vector or four in a long
    /// (the summary asks for every failure's address, and the call into a general search cost more than the look).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool MayHoldPercent(string ip)
    {
        ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(ip.AsSpan()));
        var length = (nuint)ip.Length;
        if (length >= 8 && Vector128.IsHardwareAccelerated)
        {
            var percent = Vector128.Create((ushort)'%');
            var last = length - 8;
            var found = Vector128.Equals(Vector128.LoadUnsafe(ref first, last), percent);
            for (nuint i = 0; i < last; i += 8)
            {
                found |= Vector128.Equals(Vector128.LoadUnsafe(ref first, i), percent);
            }

            return found != Vector128<ushort>.Zero;
        }

        if (length >= 4)
        {
            // Two longs that overlap when the text is shorter than eight, each tested for a character that is %.
            return HasPercent(KeyText.Long(ref first, 0)) || HasPercent(KeyText.Long(ref first, length - 4));
        }

        for (nuint i = 0; i < length; i++)
        {
            if (Unsafe.Add(ref first, i) == '%')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether one of four characters is %: a character equal to it is zero after the exclusive or, and only a zero one
    /// borrows into its top bit while that bit was clear (a borrow from a lower zero may set higher bits too, but then a
    /// zero is there).
    /// </summary>
    private static bool HasPercent(ulong four)
    {
        var x = four ^ 0x0025_0025_0025_0025UL;
        return ((x - 0x0001_0001_0001_0001UL) & ~x & 0x8000_8000_8000_8000UL) != 0;
    }

    public static string? Normalise(string? ip) => ip is null ? null : Normalise(ip.AsSpan()) is var normal && normal.Length == ip.Length ? ip : normal.ToString();

    /// <summary>The part of <paramref name="ip"/> it is known by: an IPv4-mapped address's IPv4 part, else all of it.</summary>
    public static ReadOnlySpan<char> Normalise(ReadOnlySpan<char> ip)
    {
        if (ip.Length <= Mapped.Length || ip[0] != ':' || !ip.StartsWith(Mapped, StringComparison.OrdinalIgnoreCase))
        {
            return ip;
        }

        var v4 = ip[Mapped.Length..];
        return v4.Count('.') == 3 && v4.IndexOfAnyExcept(DottedQuadChars) < 0 ? v4 : ip;
    }
}
