namespace SshDoctor.Logs.Bulk;

/// <summary>Source addresses as one client is known: an IPv4-mapped IPv6 address (<c>::ffff:1.2.3.4</c>, dual-stack sockets) is its IPv4 address, as fail2ban counts it.</summary>
public static class Address
{
    private const string Mapped = "::ffff:";
    private static readonly System.Buffers.SearchValues<char> DottedQuadChars = System.Buffers.SearchValues.Create("0123456789.");

    public static string? Normalise(string? ip)
    {
        if (ip is null || ip.Length <= Mapped.Length || ip[0] != ':' || !ip.StartsWith(Mapped, StringComparison.OrdinalIgnoreCase))
        {
            return ip;
        }

        var v4 = ip.AsSpan(Mapped.Length);
        return v4.Count('.') == 3 && v4.IndexOfAnyExcept(DottedQuadChars) < 0 ? v4.ToString() : ip;
    }
}
