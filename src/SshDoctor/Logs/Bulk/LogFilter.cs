using System.Net;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Which records to keep: a time window, a user, a source address or network. A record with no time is outside any
/// time window (it cannot be placed); unknown lines are kept by the time window only, as they name no user or address.
/// </summary>
public sealed class LogFilter
{
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

    /// <summary>An <c>--ip</c> value: an address, a network in CIDR form, or (otherwise) a name compared as text.</summary>
    public static (IpNetwork? Network, string Text) ParseAddress(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return IPAddress.TryParse(value, out var single)
                ? (new IpNetwork(Normalise(single), Normalise(single).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128), value)
                : (null, value);
        }

        if (IPNetwork.TryParse(value, out var net))
        {
            return (new IpNetwork(Normalise(net.BaseAddress), net.PrefixLength), value);
        }

        throw new FormatException($"'{value}' is not an address or a network such as 203.0.113.0/24");
    }

    private static IPAddress Normalise(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
