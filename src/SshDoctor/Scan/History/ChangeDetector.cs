using SshDoctor.Diagnosis;

namespace SshDoctor.Scan.History;

/// <summary>
/// Compares a host's snapshot with what the history kept from the scans before: each host key this scan fetched against
/// the latest key of the same type (<c>hostkey.changed</c>, both fingerprints and both scan times; a type this scan did
/// not fetch is neither changed nor removed), addresses (<c>dns.changed</c>), algorithms added and removed per slot (a
/// legacy algorithm added is a downgrade; the host key types offered are the hostkey slot), and a host that answered SSH
/// before and does not now.
/// </summary>
public static class ChangeDetector
{
    public static IReadOnlyList<HostChange> Compare(HostSnapshot previous, HostSnapshot current)
    {
        var changes = new List<HostChange>();
        HostChange Change(string kind, string? id, string before, string after, bool downgrade = false, DateTimeOffset? previousAt = null) =>
            new(current.HostId, kind, id, downgrade, before, after, previousAt ?? previous.ScannedAt, current.ScannedAt);

        if (previous.HostKeys.Count > 0 && current.HostKeys.Count > 0)
        {
            // Only the types this scan fetched (by default the negotiated one), each against the last scan that fetched it.
            foreach (var key in current.HostKeys)
            {
                if (previous.HostKeys.FirstOrDefault(k => k.Type == key.Type) is { } was && was.Fingerprint != key.Fingerprint)
                {
                    changes.Add(Change(ChangeKinds.HostKeyChanged, DiagnosisIds.HostKeyChanged, $"{was.Type} {was.Fingerprint}", $"{key.Type} {key.Fingerprint}", previousAt: was.SeenAt));
                }
            }
        }
        else if (previous.HostKeyFingerprint is { } before && current.HostKeyFingerprint is { } after && before != after)
        {
            // A history written before every key was kept: the negotiated key is all there is to compare.
            changes.Add(Change(ChangeKinds.HostKeyChanged, DiagnosisIds.HostKeyChanged, $"{previous.HostKeyType} {before}", $"{current.HostKeyType} {after}"));
        }

        if (previous.Addresses.Count > 0 && current.Addresses.Count > 0 && !previous.Addresses.Order(StringComparer.Ordinal).SequenceEqual(current.Addresses.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            changes.Add(Change(ChangeKinds.AddressChanged, DiagnosisIds.DnsChanged, string.Join(", ", previous.Addresses), string.Join(", ", current.Addresses)));
        }

        if (previous.Reached && current.Reached)
        {
            foreach (var ((slot, was), (_, now)) in previous.Algorithms.Zip(current.Algorithms))
            {
                var added = now.Except(was, StringComparer.Ordinal).ToList();
                var removed = was.Except(now, StringComparer.Ordinal).ToList();
                if (added.Count > 0)
                {
                    var downgrade = added.Any(a => LegacyAlgorithms.Why(slot, a) is not null);
                    changes.Add(Change(ChangeKinds.AlgorithmsAdded, null, slot, string.Join(",", added), downgrade));
                }

                if (removed.Count > 0)
                {
                    changes.Add(Change(ChangeKinds.AlgorithmsRemoved, null, slot, string.Join(",", removed)));
                }
            }
        }

        if (previous.Reached && !current.Reached)
        {
            changes.Add(Change(ChangeKinds.NewlyUnreachable, null, previous.Outcome, current.Outcome));
        }

        return changes;
    }
}
