using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SshDoctor.Scan;

/// <summary>
/// The scan's politeness: at most <c>concurrency</c> probes at once, at most <c>perNetwork</c> within one target network
/// (IPv4 /24, IPv6 /64, or everything behind one jump host), and one at a time per host (address), so a host never sees
/// two of our connections at once — the probe itself opens its connections one after another.
/// </summary>
public sealed class PolitenessGate(int concurrency, int perNetwork) : IDisposable
{
    private readonly SemaphoreSlim _global = new(concurrency, concurrency);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _networks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hosts = new(StringComparer.Ordinal);

    /// <summary>Waits for a network slot, then the host, then a global slot; disposing the result frees all three.</summary>
    public async Task<IDisposable> EnterAsync(string host, string network, CancellationToken cancellationToken)
    {
        var networkSlot = _networks.GetOrAdd(network, _ => new SemaphoreSlim(perNetwork, perNetwork));
        var hostSlot = _hosts.GetOrAdd(host, _ => new SemaphoreSlim(1, 1));
        var held = new List<SemaphoreSlim>(3);
        try
        {
            foreach (var slot in (SemaphoreSlim[])[networkSlot, hostSlot, _global])
            {
                await slot.WaitAsync(cancellationToken);
                held.Add(slot);
            }
        }
        catch
        {
            Release(held);
            throw;
        }

        return new Held(held);
    }

    public void Dispose()
    {
        _global.Dispose();
        foreach (var slot in _networks.Values.Concat(_hosts.Values))
        {
            slot.Dispose();
        }
    }

    /// <summary>The network an address belongs to for <see cref="EnterAsync"/>.</summary>
    public static string NetworkOf(IPAddress address)
    {
        var bytes = address.IsIPv4MappedToIPv6 ? address.MapToIPv4().GetAddressBytes() : address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetworkV6 && !address.IsIPv4MappedToIPv6
            ? new IPAddress([.. bytes[..8], .. new byte[8]]) + "/64"
            : new IPAddress([.. bytes[..3], 0]) + "/24";
    }

    private static void Release(List<SemaphoreSlim> held)
    {
        for (var i = held.Count - 1; i >= 0; i--)
        {
            held[i].Release();
        }
    }

    private sealed class Held(List<SemaphoreSlim> held) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Release(held);
            }
        }
    }
}
