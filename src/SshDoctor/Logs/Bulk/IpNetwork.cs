using System.Net;

namespace SshDoctor.Logs.Bulk;

/// <summary>An address range (<c>203.0.113.0/24</c>, <c>2001:db8::/32</c>); IPv4-mapped IPv6 addresses count as IPv4.</summary>
public sealed record IpNetwork(IPAddress Base, int PrefixLength)
{
    public bool Contains(IPAddress address) =>
        address.AddressFamily == Base.AddressFamily && new IPNetwork(Base, PrefixLength).Contains(address);
}
