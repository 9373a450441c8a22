using System.Globalization;
using System.Net;

namespace SshDoctor.Audit.Server;

/// <summary>Listening TCP sockets from /proc/net/tcp and tcp6 (state 0A), with their socket inodes.</summary>
public static class ProcNetTcp
{
    public sealed record Listener(IPAddress Address, int Port, string Inode)
    {
        public override string ToString() => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
    }

    public static IReadOnlyList<Listener> Parse(string? text, bool ipv6)
    {
        var listeners = new List<Listener>();
        foreach (var raw in (text ?? string.Empty).Split('\n').Skip(1))
        {
            var f = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 10 || f[3] != "0A")
            {
                continue;
            }

            var colon = f[1].IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !int.TryParse(f[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port))
            {
                continue;
            }

            var address = Address(f[1][..colon], ipv6);
            if (address is not null)
            {
                listeners.Add(new Listener(address, port, f[9]));
            }
        }

        return listeners;
    }

    /// <summary>The kernel prints addresses as host-order 32-bit words in hex.</summary>
    private static IPAddress? Address(string hex, bool ipv6)
    {
        if (hex.Length != (ipv6 ? 32 : 8))
        {
            return null;
        }

        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            if (!uint.TryParse(hex.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            BitConverter.TryWriteBytes(bytes.AsSpan(word * 4, 4), value);
        }

        return new IPAddress(bytes);
    }
}
