using SshDoctor.Explain;
using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// The host key stage. OpenSSH prints the same "REMOTE HOST IDENTIFICATION HAS CHANGED" banner when the known key is
/// merely of another type (hostfile.c:check_hostkeys_by_key_or_type): the offending entry's type against the type the
/// server sent tells a re-keyed server from one that gained a new key type.
/// </summary>
public sealed class HostKeyRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [HostKeyChanged, HostKeyTypeMismatch, HostKeyUnknown, DnsChanged];

    public IEnumerable<Diagnosis> Evaluate(ExplainEvidence evidence)
    {
        foreach (var session in evidence.Sessions)
        {
            var hop = session.Index > 0 ? SignatureRule.HopName(evidence, session.Index) : null;
            var changed = session.Events.Where(e => e.DiagnosisId == HostKeyChanged
                || e.Kind is "client.hostkey-fingerprint-sent" or "client.fingerprint-line" or "client.remove-with" or "client.hostkey-verification-failed").ToList();
            if (session.Events.Any(e => e.DiagnosisId == HostKeyChanged))
            {
                var host = session.First("client.hostkey-changed-strict")?["host"] ?? session.First("client.remove-with")?["host"] ?? session.Host;
                var offending = session.First("client.offending-key");
                var sentType = NormaliseType(session.HostKeyType);
                var storedType = NormaliseType(session.OffendingType);
                var otherType = sentType is not null && storedType is not null && sentType != storedType;
                var continued = session.Has("client.mitm-disabled");
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
                    ("file", offending?["file"] ?? session.First("client.remove-with")?["file"]),
                    ("line", offending?["line"]),
                    ("continued", continued ? "yes" : null)) with
                { Hop = hop };
                continue;
            }

            var unknown = session.Events.Where(e => e.DiagnosisId == HostKeyUnknown).ToList();
            if (unknown.Count > 0 && (session.Has("client.hostkey-verification-failed") || session.Has("putty.abandoned") || unknown.Any(e => e.Kind == "client.hostkey-unknown-strict")))
            {
                var differentType = session.Has("client.different-type-known");
                var lines = unknown.Concat(session.OfKind("client.key-fingerprint-is")).Concat(session.OfKind("client.hostkey-verification-failed"));
                var (plainHost, port, knownName) = Names(unknown.Select(e => e["host"]).FirstOrDefault(h => h is not null) ?? session.Host, session.Port);
                yield return Diagnosis.Create(
                    differentType ? HostKeyTypeMismatch : HostKeyUnknown,
                    Certainty.Proven,
                    lines.Select(EvidenceOf.Line),
                    ("host", plainHost),
                    ("port", port),
                    ("known_hosts_name", knownName),
                    ("user", session.User),
                    ("type", session.HostKeyType ?? unknown[0]["type"]),
                    ("fingerprint", session.HostKeyFingerprint)) with
                { Hop = hop };
            }
            else if (unknown.Count > 0 && unknown.All(e => e.Kind == "client.hostkey-not-trusted"))
            {
                // AsyncSSH says "Host key is not trusted" for an unknown and a changed key alike.
                foreach (var d in UnknownOrChanged(session, unknown, hop))
                {
                    yield return d;
                }
            }
            else if (unknown.Count == 0 && session.First("client.hostkey-verification-failed") is { } failed
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
                var certain = dns.Any(e => e.Kind is "client.dns-spoofing" or "client.ip-key-differs" or "client.offending-ip-key");
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
        var host = lines.Select(e => e["host"]).FirstOrDefault(h => h is not null) ?? session.Host;
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
