namespace SshDoctor.Ssh.KnownHosts;

/// <summary>
/// One or more known_hosts files read in order (user files, then global files) and checked as OpenSSH's
/// hostfile.c:check_hostkeys_by_key_or_type does.
/// </summary>
public sealed class KnownHostsDatabase
{
    public KnownHostsDatabase(IEnumerable<KnownHostsFile> files)
    {
        Files = files.ToList();
    }

    public IReadOnlyList<KnownHostsFile> Files { get; }

    /// <summary>Loads files by path; missing files are empty.</summary>
    public static KnownHostsDatabase Load(params IEnumerable<string> paths) => new(paths.Select(KnownHostsFile.Load));

    /// <summary>Every entry whose host field matches the name, markers included, in file order (what <c>ssh-keygen -F</c> lists).</summary>
    public IReadOnlyList<KnownHostsEntry> Find(string host, int port = 22)
    {
        var name = HostPatternMatcher.LookupName(host, port);
        return Files.SelectMany(f => f.Entries).Where(e => HostPatternMatcher.Matches(e.HostPatterns, name)).ToList();
    }

    /// <summary>Checks a plain (non-certificate) host key for a host and port.</summary>
    public KnownHostsVerdict Check(string host, int port, ReadOnlySpan<byte> hostKeyBlob)
    {
        var verdict = CheckName(host, port, hostKeyBlob);
        if (verdict.Status == KnownHostsStatus.New && port != 22)
        {
            var withoutPort = CheckName(host, 22, hostKeyBlob);
            if (withoutPort.Status == KnownHostsStatus.Ok)
            {
                return withoutPort with { MatchedWithoutPort = true };
            }
        }

        return verdict;
    }

    private KnownHostsVerdict CheckName(string host, int port, ReadOnlySpan<byte> blob)
    {
        var name = HostPatternMatcher.LookupName(host, port);
        var matching = Find(host, port);
        var keyType = HostKeys.SshPublicKey.TryParse(blob)?.KeyType;
        KnownHostsEntry? match = null;
        var offending = new List<KnownHostsEntry>();
        var revoked = new List<KnownHostsEntry>();
        foreach (var entry in matching)
        {
            if (entry.Marker == KnownHostsMarker.Revoked)
            {
                if (entry.KeyBlob.Span.SequenceEqual(blob))
                {
                    revoked.Add(entry);
                }
            }
            else if (entry.Marker == KnownHostsMarker.None)
            {
                if (entry.KeyBlob.Span.SequenceEqual(blob))
                {
                    match ??= entry;
                }
                else if (match is null)
                {
                    // OpenSSH stops at the first identical key; keys after it are not reported.
                    offending.Add(entry);
                }
            }
        }

        if (revoked.Count > 0)
        {
            return new KnownHostsVerdict(KnownHostsStatus.Revoked, name, null, offending, revoked);
        }

        if (match is not null)
        {
            return new KnownHostsVerdict(KnownHostsStatus.Ok, name, match, [], []);
        }

        if (offending.Count > 0)
        {
            return new KnownHostsVerdict(KnownHostsStatus.Changed, name, null, offending, [])
            {
                OnlyOtherKeyTypes = offending.All(e => e.KeyType != keyType),
            };
        }

        return new KnownHostsVerdict(KnownHostsStatus.New, name, null, [], []);
    }
}
