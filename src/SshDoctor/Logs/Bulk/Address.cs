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
    public static string Grouping(string ip)
    {
        var zone = ip.IndexOf('%', StringComparison.Ordinal);
        return zone > 0 ? SpanInterner.Get(ip.AsSpan(0, zone)) : ip;
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
