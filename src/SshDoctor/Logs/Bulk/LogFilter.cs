using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Which records to keep: a time window, a user, a source address or network. A record with no time is outside any
/// time window (it cannot be placed); unknown lines are kept by the time window only, as they name no user or address.
/// </summary>
public sealed class LogFilter
{
    private static readonly SearchValues<char> DigitsAndDots = SearchValues.Create("0123456789.");

    private static readonly SearchValues<char> HostNameChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_");

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public string? User { get; init; }

    public IpNetwork? Network { get; init; }

    /// <summary>The exact text given to <c>--ip</c> (a host name such as <c>example.com</c> is compared as text).</summary>
    public string? IpText { get; init; }

    public bool HasTimeWindow => Since is not null || Until is not null;

    /// <summary>No window, user or address: every record is kept.</summary>
    public bool KeepsAll => !HasTimeWindow && User is null && IpText is null;

    public bool Keeps(LogRecord record) => Keeps(SshLine.Of(record));

    public bool Keeps(in SshLine record)
    {
        if (HasTimeWindow)
        {
            if (record.Time is not { } time)
            {
                return false;
            }

            var instant = time.Instant;
            if ((Since is { } since && instant < since) || (Until is { } until && instant > until))
            {
                return false;
            }
        }

        if (!record.Recognised)
        {
            return true;
        }

        if (User is not null && !string.Equals(record.User, User, StringComparison.Ordinal))
        {
            return false;
        }

        if (IpText is not null)
        {
            if (record.Ip is null)
            {
                return false;
            }

            if (Network is { } network)
            {
                return IPAddress.TryParse(record.Ip, out var address) && network.Contains(Normalise(address));
            }

            return string.Equals(record.Ip, IpText, StringComparison.OrdinalIgnoreCase);
        }

        return true;
    }

    /// <summary>
    /// An <c>--ip</c> value: an address, a network in CIDR form (host bits are ignored: <c>10.0.0.7/24</c> is
    /// <c>10.0.0.0/24</c>), or a host name as sshd logs it with <c>UseDNS yes</c> (compared as text). Throws
    /// <see cref="FormatException"/> saying what is wrong: digits and dots that are no IPv4 address (<c>300.1.1.1</c>,
    /// <c>10.1</c>) would otherwise be taken for a name and silently match nothing.
    /// </summary>
    public static (IpNetwork? Network, string Text) ParseAddress(string value)
    {
        var text = value.Trim();
        if (text.Length == 0)
        {
            throw new FormatException("is empty: give an address (203.0.113.5), a network (203.0.113.0/24, 2001:db8::/32) or a host name");
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var address = Address(text[..slash]) ?? throw new FormatException($"'{value}': '{text[..slash]}' is not an IPv4 or IPv6 address");
            var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            var prefixText = text[(slash + 1)..];
            if (!int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefixText.Length > 3 || prefix > bits)
            {
                throw new FormatException($"'{value}': the prefix length after / must be a number from 0 to {bits}");
            }

            return (new IpNetwork(Masked(address, prefix), prefix), text);
        }

        if (Address(text) is { } single)
        {
            return (new IpNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128), text);
        }

        if (text.AsSpan().IndexOfAnyExcept(DigitsAndDots) < 0)
        {
            throw new FormatException($"'{value}' is not an IPv4 address: four numbers from 0 to 255 with dots between them, such as 203.0.113.5");
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            throw new FormatException($"'{value}' is not an IPv6 address");
        }

        if (text.Length > 253 || text.AsSpan().IndexOfAnyExcept(HostNameChars) >= 0)
        {
            throw new FormatException($"'{value}' is not an address, a network such as 203.0.113.0/24, or a host name");
        }

        return (null, text);
    }

    /// <summary>A dotted-quad IPv4 address (decimal, as sshd writes it) or an IPv6 address; null for anything else.</summary>
    private static IPAddress? Address(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? Normalise(v6) : null;
        }

        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return null;
        }

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            if (parts[i].Length is 0 or > 3 || !byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return null;
            }
        }

        return new IPAddress(bytes);
    }

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }

    private static IPAddress Normalise(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
