using SshDoctor.Diagnosis;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.KnownHosts;

namespace SshDoctor.Probing;

/// <summary>hostkey.*: the verified host key compared with known_hosts as OpenSSH compares it.</summary>
internal static class HostKeyFindings
{
    /// <param name="files">The known_hosts files as read: one that was not read (a FIFO, permission denied) or was cut is said in the evidence.</param>
    public static Diagnosis.Diagnosis? From(ProbeTarget target, string? hop, SshPublicKey key, KnownHostsVerdict verdict, IEnumerable<KnownHostsFile>? files = null)
    {
        var unread = (files ?? []).Select(f => f.Unread is { } why ? ProbeEvidence.Local($"{f.Path} is {why.Reason}: not read", f.Path)
            : f.Cut ? ProbeEvidence.Local($"{f.Path} is larger than {KnownHostsFile.MaxBytes >> 30} GiB: only its beginning was read", f.Path) : null).OfType<Evidence>().ToList();
        var presented = ProbeEvidence.Seen($"the server proved possession of {KeyName(key.KeyType)} key {key.Fingerprint} (signature verified)"
            + (key.Certificate is { } certificate ? $"; it presented a {certificate.Describe()}" + (verdict.CertificateProblem is { } problem ? $": not trusted ({problem}), so ssh falls back to the plain key" : "") : ""));
        (string, string?)[] Values(KnownHostsEntry? entry) =>
        [
            ("host", target.KnownHostsName),
            ("fingerprint", key.Fingerprint),
            ("file", entry?.Path),
            ("line", entry?.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("certificate_problem", verdict.CertificateProblem),
            ("known_hosts_name", verdict.LookupName),
            ("known_hosts_file", target.KnownHostsFiles.Except(target.GlobalKnownHostsFiles).FirstOrDefault()),
            ("host_key", KeyText(key.Certificate?.Key ?? key)),
        ];

        switch (verdict.Status)
        {
            case KnownHostsStatus.Revoked:
                return ProbeEvidence.Create(DiagnosisIds.HostKeyRevoked, Certainty.Proven, target, hop,
                    [presented, .. verdict.RevokedBy.Select(e => ProbeEvidence.Local($"@revoked {e.KeyType} {Fingerprint(e)}", e.Location))],
                    Values(verdict.RevokedBy[0]));
            case KnownHostsStatus.Changed:
                var offending = verdict.Offending[0];
                var id = verdict.OnlyOtherKeyTypes ? DiagnosisIds.HostKeyTypeMismatch : DiagnosisIds.HostKeyChanged;
                return ProbeEvidence.Create(id, Certainty.Proven, target, hop,
                    [presented, .. verdict.Offending.Select(e => ProbeEvidence.Local($"known_hosts has {KeyName(e.KeyType)} key {Fingerprint(e)} for {verdict.LookupName}", e.Location))],
                    [.. Values(offending), ("known_fingerprint", Fingerprint(offending))]);
            case KnownHostsStatus.New:
                var names = target.KnownHostsFiles.Count == 0 ? "(no known_hosts file)" : string.Join(", ", target.KnownHostsFiles);
                return ProbeEvidence.Create(DiagnosisIds.HostKeyUnknown, Certainty.Proven, target, hop,
                    [presented, ProbeEvidence.Local($"no entry for {verdict.LookupName} in {names}"), .. unread],
                    Values(null));
            default:
                return null;
        }
    }

    /// <summary>Whether ssh would stop here (unknown keys stop only with strict checking or in batch mode).</summary>
    public static bool StopsSsh(ProbeTarget target, KnownHostsStatus status) => status switch
    {
        KnownHostsStatus.Ok => false,
        KnownHostsStatus.New => target.StrictHostKeyChecking == "yes" || (target.BatchMode && target.StrictHostKeyChecking is not ("no" or "off" or "accept-new")),
        _ => true,
    };

    private static string Fingerprint(KnownHostsEntry entry) => SshKeyFingerprint.Sha256(entry.KeyBlob.Span);

    /// <summary>The verified key as known_hosts records it (TYPE BASE64): what <c>ssh-doctor fix</c> adds once confirmed.</summary>
    private static string KeyText(SshPublicKey key) => key.KeyType + " " + Convert.ToBase64String(key.Blob.Span);

    /// <summary>ED25519, ECDSA, RSA as ssh names key types in its messages.</summary>
    public static string KeyName(string keyType) => SshCertificate.IsCertificateType(keyType) ? KeyName(SshCertificate.PlainType(keyType)) + "-CERT" : keyType switch
    {
        "ssh-ed25519" => "ED25519",
        "ssh-rsa" => "RSA",
        "ssh-dss" => "DSA",
        _ when keyType.StartsWith("ecdsa-", StringComparison.Ordinal) => "ECDSA",
        _ => keyType,
    };
}
