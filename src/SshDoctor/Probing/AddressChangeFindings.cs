using System.Net;
using SshDoctor.Diagnosis;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.KnownHosts;

namespace SshDoctor.Probing;

/// <summary>
/// dns.changed: known_hosts remembers the addresses a name had (ssh writes <c>name,address</c> lines with CheckHostIP,
/// and users connect by address too). When the entries for the name, or for the key the server just proved, name
/// addresses and the one connected to now is not among them, the name moved: the likely cause of a changed or unknown
/// host key, and worth knowing when the key still matches.
/// </summary>
internal static class AddressChangeFindings
{
    public static Diagnosis.Diagnosis? From(ProbeTarget target, string? hop, SshPublicKey key, KnownHostsDatabase knownHosts, KnownHostsVerdict verdict, IPAddress connected)
    {
        if (IPAddress.TryParse(target.HostName.Trim('[', ']'), out _))
        {
            return null;
        }

        var relevant = knownHosts.Find(target.HostName, target.Port)
            .Concat(knownHosts.WithKey(key.Blob))
            .Where(e => !e.IsHashed && e.Marker == KnownHostsMarker.None)
            .DistinctBy(e => e.Location, StringComparer.Ordinal)
            .ToList();
        var recorded = relevant
            .SelectMany(e => Addresses(e).Select(address => (Entry: e, Address: address)))
            .ToList();
        if (recorded.Count == 0 || recorded.Any(r => r.Address.Equals(Normalize(connected))))
        {
            return null;
        }

        var certainty = verdict.Status == KnownHostsStatus.Ok ? Certainty.Possible : Certainty.Likely;
        var old = recorded.Select(r => r.Address.ToString()).Distinct().ToList();
        return ProbeEvidence.Create(DiagnosisIds.DnsChanged, certainty, target, hop,
            [
                ProbeEvidence.Seen($"{target.HostName} resolves to {connected} now"),
                .. recorded.Select(r => ProbeEvidence.Local($"known_hosts recorded {r.Address} ({r.Entry.HostPatterns}) with {HostKeyFindings.KeyName(r.Entry.KeyType)} key {SshKeyFingerprint.Sha256(r.Entry.KeyBlob.Span)}", r.Entry.Location)),
            ],
            ("host", target.HostName), ("old_address", string.Join(", ", old)), ("new_address", connected.ToString()));
    }

    /// <summary>The literal addresses among an entry's host patterns (<c>1.2.3.4</c>, <c>[1.2.3.4]:2222</c>), wildcards and negations left out.</summary>
    private static IEnumerable<IPAddress> Addresses(KnownHostsEntry entry)
    {
        foreach (var pattern in entry.HostPatterns.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pattern.StartsWith('!') || pattern.Contains('*', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal))
            {
                continue;
            }

            var text = pattern.StartsWith('[') && pattern.IndexOf(']', StringComparison.Ordinal) is var close and > 0 ? pattern[1..close] : pattern;
            if (IPAddress.TryParse(text, out var address))
            {
                yield return Normalize(address);
            }
        }
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
