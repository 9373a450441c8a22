using SshDoctor.Diagnosis.Observations;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.KnownHosts;
using static SshDoctor.Diagnosis.DiagnosisIds;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// The host key stage. OpenSSH prints the same "REMOTE HOST IDENTIFICATION HAS CHANGED" banner when the known key is
/// merely of another type (hostfile.c:check_hostkeys_by_key_or_type): the offending entry's type against the type the
/// server sent tells a re-keyed server from one that gained a new key type.
/// </summary>
public sealed class HostKeyRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [HostKeyChanged, HostKeyTypeMismatch, HostKeyUnknown, DnsChanged, HostKeyRevoked];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence) => FromLogs(evidence).Concat(FromProbe(evidence));

    /// <summary>Whether ssh stops at this verdict: an unknown key only with strict checking or in batch mode.</summary>
    public static bool StopsSsh(KnownHostsStatus status, string strictHostKeyChecking, bool batchMode) => status switch
    {
        KnownHostsStatus.Ok => false,
        KnownHostsStatus.New => strictHostKeyChecking == "yes" || (batchMode && strictHostKeyChecking is not ("no" or "off" or "accept-new")),
        _ => true,
    };

    /// <summary>ED25519, ECDSA, RSA as ssh names key types in its messages.</summary>
    public static string KeyName(string keyType) => SshCertificate.IsCertificateType(keyType) ? KeyName(SshCertificate.PlainType(keyType)) + "-CERT" : keyType switch
    {
        "ssh-ed25519" => "ED25519",
        "ssh-rsa" => "RSA",
        "ssh-dss" => "DSA",
        _ when keyType.StartsWith("ecdsa-", StringComparison.Ordinal) => "ECDSA",
        _ => keyType,
    };

    /// <summary>
    /// The probe: the proven key against known_hosts (an unknown key only when ssh would stop there), and dns.changed
    /// when known_hosts recorded addresses for the name or the key and the one connected to now is not among them: the
    /// likely cause of a changed or unknown key, and worth knowing when the key still matches.
    /// </summary>
    private static IEnumerable<Diagnosis> FromProbe(ObservationSet evidence)
    {
        foreach (var o in evidence.Probed)
        {
            if (o is AddressesRecorded moved && moved.Recorded.Count > 0 && !moved.Recorded.Any(r => r.Address.Equals(moved.Connected)))
            {
                yield return moved.Diagnose(DnsChanged, moved.Status == KnownHostsStatus.Ok ? Certainty.Possible : Certainty.Likely,
                    [
                        Observation.Seen($"{moved.Host} resolves to {moved.Connected} now"),
                        .. moved.Recorded.Select(r => Observation.Local($"known_hosts recorded {r.Address} ({r.HostPatterns}) with {KeyName(r.KeyType)} key {r.Fingerprint}", r.Location)),
                    ],
                    ("host", moved.Host), ("old_address", string.Join(", ", moved.Recorded.Select(r => r.Address.ToString()).Distinct())), ("new_address", moved.Connected.ToString()));
            }
            else if (o is HostKeyChecked checkedKey && Checked(checkedKey) is { } d)
            {
                yield return d;
            }
        }
    }

    private static Diagnosis? Checked(HostKeyChecked o)
    {
        var (key, verdict) = (o.Key, o.Verdict);
        var asks = verdict.Status == KnownHostsStatus.New && !StopsSsh(verdict.Status, o.StrictHostKeyChecking, o.BatchMode);
        if (asks && o.StrictHostKeyChecking is not "ask")
        {
            // accept-new and no add the key without a word: nothing for the user to do.
            return null;
        }

        var unread = o.Files.Select(f => f.Unread is { } why ? Observation.Local($"{f.Path} is {why.Reason}: not read", f.Path)
            : f.Cut ? Observation.Local($"{f.Path} is larger than {KnownHostsFile.MaxBytes >> 30} GiB: only its beginning was read", f.Path) : null).OfType<Evidence>().ToList();
        var presented = Observation.Seen($"the server proved possession of {KeyName(key.KeyType)} key {key.Fingerprint} (signature verified)"
            + (key.Certificate is { } certificate ? $"; it presented a {certificate.Describe()}" + (verdict.CertificateProblem is { } problem ? $": not trusted ({problem}), so ssh falls back to the plain key" : "") : ""));
        (string, string?)[] Values(KnownHostsEntry? entry) =>
        [
            ("host", o.KnownHostsName),
            ("fingerprint", key.Fingerprint),
            ("file", entry?.Path),
            ("line", entry?.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("certificate_problem", verdict.CertificateProblem),
            ("known_hosts_name", verdict.LookupName),
            ("known_hosts_file", o.UserKnownHostsFile),

            // The verified key as known_hosts records it (TYPE BASE64): what ssh-doctor fix adds once confirmed.
            ("host_key", KeyText(key.Certificate?.Key ?? key)),
        ];

        switch (verdict.Status)
        {
            case KnownHostsStatus.Revoked:
                return o.Diagnose(HostKeyRevoked, Certainty.Proven,
                    [presented, .. verdict.RevokedBy.Select(e => Observation.Local($"@revoked {e.KeyType} {Fingerprint(e)}", e.Location))],
                    Values(verdict.RevokedBy[0]));
            case KnownHostsStatus.Changed:
                var offending = verdict.Offending[0];
                return o.Diagnose(verdict.OnlyOtherKeyTypes ? HostKeyTypeMismatch : HostKeyChanged, Certainty.Proven,
                    [presented, .. verdict.Offending.Select(e => Observation.Local($"known_hosts has {KeyName(e.KeyType)} key {Fingerprint(e)} for {verdict.LookupName}", e.Location))],
                    [.. Values(offending), ("known_fingerprint", Fingerprint(offending))]);
            case KnownHostsStatus.New:
                var names = o.KnownHostsFiles.Count == 0 ? "(no known_hosts file)" : string.Join(", ", o.KnownHostsFiles);
                // Where ssh may ask (a terminal, no BatchMode) the unknown key is a finding: the user must check the
                // fingerprint it shows; scripts, git and CI (BatchMode, StrictHostKeyChecking yes) fail there.
                var asked = asks ? Observation.Local($"StrictHostKeyChecking {o.StrictHostKeyChecking}, BatchMode no: ssh shows the fingerprint and asks; BatchMode or StrictHostKeyChecking yes (scripts, git, CI) fail with 'Host key verification failed'") : null;
                return o.Diagnose(HostKeyUnknown, asks ? Certainty.Possible : Certainty.Proven,
                    [presented, Observation.Local($"no entry for {verdict.LookupName} in {names}"), .. unread, .. asked is null ? Array.Empty<Evidence>() : [asked]],
                    Values(null));
            default:
                return null;
        }
    }

    private static string Fingerprint(KnownHostsEntry entry) => SshKeyFingerprint.Sha256(entry.KeyBlob.Span);

    private static string KeyText(SshPublicKey key) => key.KeyType + " " + Convert.ToBase64String(key.Blob.Span);

    private static IEnumerable<Diagnosis> FromLogs(ObservationSet evidence)
    {
        foreach (var session in evidence.Sessions)
        {
            var hop = session.Index > 0 ? SignatureRule.HopName(evidence, session.Index) : null;
            var changed = session.Events.Where(e => e.DiagnosisId == HostKeyChanged
                || e.Kind is ClientHostkeyFingerprintSent.Name or ClientFingerprintLine.Name or ClientRemoveWith.Name or ClientHostkeyVerificationFailed.Name).ToList();
            if (session.Events.Any(e => e.DiagnosisId == HostKeyChanged))
            {
                var host = session.First(ClientHostkeyChangedStrict.Name)?[ClientHostkeyChangedStrict.Host] ?? session.First(ClientRemoveWith.Name)?[ClientRemoveWith.Host] ?? session.Host;
                var offending = session.First(ClientOffendingKey.Name);
                var sentType = NormaliseType(session.HostKeyType);
                var storedType = NormaliseType(session.OffendingType);
                var otherType = sentType is not null && storedType is not null && sentType != storedType;
                var continued = session.Has(ClientMitmDisabled.Name);
                var (plainHost, port, knownName) = Names(host, session.Port);
                yield return Diagnosis.Create(
                    otherType ? HostKeyTypeMismatch : HostKeyChanged,
                    Certainty.Proven,
                    changed.Select(EvidenceOf.Line),
                    ("host", plainHost),
                    ("port", port),
                    ("known_hosts_name", knownName),
                    ("user", session.User),
                    ("fingerprint", session.HostKeyFingerprint),
                    ("type", session.HostKeyType),
                    ("known_type", session.OffendingType),
                    ("file", offending?[ClientOffendingKey.File] ?? session.First(ClientRemoveWith.Name)?[ClientRemoveWith.File]),
                    ("line", offending?[ClientOffendingKey.Line]),
                    ("continued", continued ? "yes" : null)) with
                { Hop = hop };
                continue;
            }

            var unknown = session.Events.Where(e => e.DiagnosisId == HostKeyUnknown).ToList();
            if (unknown.Count > 0 && (session.Has(ClientHostkeyVerificationFailed.Name) || session.Has(PuttyAbandoned.Name) || unknown.Any(e => e.Kind == ClientHostkeyUnknownStrict.Name)))
            {
                var differentType = session.Has(ClientDifferentTypeKnown.Name);
                var lines = unknown.Concat(session.OfKind(ClientKeyFingerprintIs.Name)).Concat(session.OfKind(ClientHostkeyVerificationFailed.Name));
                var (plainHost, port, knownName) = Names(unknown.Select(e => e[AnyEvent.Host]).FirstOrDefault(h => h is not null) ?? session.Host, session.Port);
                yield return Diagnosis.Create(
                    differentType ? HostKeyTypeMismatch : HostKeyUnknown,
                    Certainty.Proven,
                    lines.Select(EvidenceOf.Line),
                    ("host", plainHost),
                    ("port", port),
                    ("known_hosts_name", knownName),
                    ("user", session.User),
                    ("type", session.HostKeyType ?? unknown[0][AnyEvent.Type]),
                    ("fingerprint", session.HostKeyFingerprint)) with
                { Hop = hop };
            }
            else if (unknown.Count > 0 && unknown.All(e => e.Kind == ClientHostkeyNotTrusted.Name))
            {
                // AsyncSSH says "Host key is not trusted" for an unknown and a changed key alike.
                foreach (var d in UnknownOrChanged(session, unknown, hop))
                {
                    yield return d;
                }
            }
            else if (unknown.Count == 0 && session.First(ClientHostkeyVerificationFailed.Name) is { } failed
                && !session.Events.Any(e => e.DiagnosisId is { } id && (id.StartsWith("hostkey.", StringComparison.Ordinal) || id.StartsWith("dns.", StringComparison.Ordinal))))
            {
                // "Host key verification failed." alone (the lines before it not pasted, or ssh run by a tool that kept
                // only its last line): most often a first connection under BatchMode/StrictHostKeyChecking, else a changed key.
                foreach (var d in UnknownOrChanged(session, [failed], hop))
                {
                    yield return d;
                }
            }

            var dns = session.Events.Where(e => e.DiagnosisId == DnsChanged).ToList();
            if (dns.Count > 0)
            {
                var certain = dns.Any(e => e.Kind is ClientDnsSpoofing.Name or ClientIpKeyDiffers.Name or ClientOffendingIpKey.Name);
                yield return Diagnosis.Create(DnsChanged, certain ? Certainty.Likely : Certainty.Possible, EvidenceOf.Lines(dns), EvidenceOf.Values(dns[0])) with { Hop = hop };
            }
        }
    }

    /// <summary>
    /// ssh names the host in these messages as known_hosts does ([host]:port for a port other than 22): the plain host and
    /// port for commands, and the known_hosts name as it stands (what ssh-keygen -R needs).
    /// </summary>
    internal static (string? Host, string? Port, string? KnownHostsName) Names(string? host, int? sessionPort)
    {
        if (host is null)
        {
            return (null, null, null);
        }

        if (Fixes.KnownHosts.KnownHostsName.Split(host) is { } split)
        {
            return (split.Host, split.Port, Fixes.KnownHosts.KnownHostsMatcher.AsciiLower(host));
        }

        var port = sessionPort ?? 22;
        return (host, sessionPort?.ToString(System.Globalization.CultureInfo.InvariantCulture), Fixes.KnownHosts.KnownHostsName.Of(host, port));
    }

    private static IEnumerable<Diagnosis> UnknownOrChanged(ClientSession session, List<Logs.LogEvent> lines, string? hop)
    {
        var host = lines.Select(e => e[AnyEvent.Host]).FirstOrDefault(h => h is not null) ?? session.Host;
        yield return Diagnosis.Create(HostKeyUnknown, Certainty.Likely, lines.Select(EvidenceOf.Line), ("host", host)) with { Hop = hop, Alternatives = [HostKeyChanged] };
        yield return Diagnosis.Create(HostKeyChanged, Certainty.Possible, lines.Take(1).Select(EvidenceOf.Line), ("host", host)) with { Hop = hop, Rank = 1 };
    }

    /// <summary>ED25519 / ssh-ed25519 / ECDSA / ecdsa-sha2-nistp256 / RSA / rsa-sha2-512 → one family name.</summary>
    internal static string? NormaliseType(string? type) => type?.ToUpperInvariant() switch
    {
        null => null,
        var t when t.Contains("ED25519", StringComparison.Ordinal) => "ED25519",
        var t when t.Contains("ECDSA", StringComparison.Ordinal) => "ECDSA",
        var t when t.Contains("RSA", StringComparison.Ordinal) => "RSA",
        var t when t.Contains("DSA", StringComparison.Ordinal) || t.Contains("DSS", StringComparison.Ordinal) => "DSA",
        var t => t,
    };
}
