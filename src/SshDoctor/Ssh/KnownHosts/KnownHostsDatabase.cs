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
    public static KnownHostsDatabase Load(params IEnumerable<string> paths) => new(paths.Select(p => KnownHostsFile.Load(p)));

    /// <summary>
    /// Loads files keeping only the entries for <paramref name="hosts"/> (each on its port and, as OpenSSH falls back, on
    /// port 22): every lookup the probe makes. Entries for a key are found with <see cref="WithKey"/>.
    /// </summary>
    public static KnownHostsDatabase LoadFor(IEnumerable<string> paths, IEnumerable<(string Host, int Port)> hosts)
    {
        var names = hosts.SelectMany(h => (string[])[HostPatternMatcher.LookupName(h.Host, h.Port), HostPatternMatcher.LookupName(h.Host, 22)])
            .Distinct(StringComparer.Ordinal).ToList();
        return new(paths.Select(p => KnownHostsFile.Load(p, names)));
    }

    /// <summary>Every entry, in any file, whose key is <paramref name="blob"/> (whatever its host field).</summary>
    public IReadOnlyList<KnownHostsEntry> WithKey(ReadOnlyMemory<byte> blob) => Files.SelectMany(f => f.WithKey(blob)).ToList();

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

    /// <summary>
    /// Checks a host certificate as sshconnect.c:check_host_key does: revoked if the certified key or its CA is
    /// <c>@revoked</c>; trusted when a <c>@cert-authority</c> entry for the name holds the CA and the certificate is a
    /// host certificate, valid at <paramref name="now"/>, for <paramref name="principal"/> (HostKeyAlias or host name;
    /// no principals means any host), without critical options, signed with an allowed algorithm (sshkey.c:sshkey_cert_check_host); otherwise ssh says why and falls back to the plain key (<see cref="Check"/>).
    /// The CA's signature is verified when the key exchange decodes the certificate.
    /// </summary>
    /// <param name="caSignatureAlgorithms">The client's CASignatureAlgorithms; null for OpenSSH's default (<see cref="HostKeys.SshCertificate.DefaultCaSignatureAlgorithms"/>).</param>
    public KnownHostsVerdict CheckCertificate(string host, int port, HostKeys.SshCertificate certificate, string principal, DateTimeOffset now, IReadOnlyList<string>? caSignatureAlgorithms = null)
    {
        var name = HostPatternMatcher.LookupName(host, port);
        var revoked = Find(host, port).Where(e => e.Marker == KnownHostsMarker.Revoked
            && (e.KeyBlob.Span.SequenceEqual(certificate.Key.Blob.Span) || e.KeyBlob.Span.SequenceEqual(certificate.SignatureKey.Blob.Span))).ToList();
        if (revoked.Count > 0)
        {
            return new KnownHostsVerdict(KnownHostsStatus.Revoked, name, null, [], revoked);
        }

        var (authority, lookupName) = FindAuthority(host, port, certificate);
        string problem;
        if (authority is not null)
        {
            var invalid = certificate.Type != HostKeys.SshCertificateType.Host ? "Certificate invalid: not a host certificate"
                : certificate.CheckValidity(now)
                ?? (certificate.Principals.Count > 0 && !certificate.Principals.Contains(principal) ? "Certificate invalid: name is not a listed principal" : null)
                ?? (certificate.CriticalOptions.Count > 0 ? "Certificate contains unsupported critical options" : null)
                ?? (!(caSignatureAlgorithms ?? HostKeys.SshCertificate.DefaultCaSignatureAlgorithms).Contains(certificate.SignatureAlgorithm)
                    ? $"Certificate signed with disallowed algorithm ({certificate.SignatureAlgorithm} is not in CASignatureAlgorithms)" : null);
            if (invalid is null)
            {
                return new KnownHostsVerdict(KnownHostsStatus.Ok, lookupName, authority, [], []) { TrustedByCertificateAuthority = true, MatchedWithoutPort = lookupName != name };
            }

            problem = $"{invalid} (CA in {authority.Location})";
        }
        else
        {
            var others = Find(host, port).Where(e => e.Marker == KnownHostsMarker.CertAuthority).ToList();
            problem = others.Count > 0
                ? $"Host certificate authority does not match @cert-authority in {others[0].Location}"
                : $"no @cert-authority entry for {name} holds the CA {certificate.SignatureKey.KeyType} {certificate.SignatureKey.Fingerprint}";
        }

        return Check(host, port, certificate.Key.Blob.Span) with { CertificateProblem = problem };
    }

    /// <summary>The @cert-authority entry holding the CA, for host:port, then (for another port) for the bare host.</summary>
    private (KnownHostsEntry? Entry, string LookupName) FindAuthority(string host, int port, HostKeys.SshCertificate certificate)
    {
        int[] ports = port == 22 ? [22] : [port, 22];
        foreach (var candidatePort in ports)
        {
            var entry = Find(host, candidatePort).FirstOrDefault(e => e.Marker == KnownHostsMarker.CertAuthority && e.KeyBlob.Span.SequenceEqual(certificate.SignatureKey.Blob.Span));
            if (entry is not null)
            {
                return (entry, HostPatternMatcher.LookupName(host, candidatePort));
            }
        }

        return (null, HostPatternMatcher.LookupName(host, port));
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
