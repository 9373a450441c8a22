namespace SshDoctor.Ssh.KnownHosts;

/// <summary>The result of checking a host key against known_hosts files.</summary>
/// <param name="Status">OpenSSH's verdict.</param>
/// <param name="LookupName">The name looked up: <c>host</c> or <c>[host]:port</c>.</param>
/// <param name="Match">The entry holding this key (for <see cref="KnownHostsStatus.Ok"/>).</param>
/// <param name="Offending">Entries for the name with another key (the "Offending … key in file:line" lines).</param>
/// <param name="RevokedBy">The <c>@revoked</c> entries matching the key.</param>
public sealed record KnownHostsVerdict(
    KnownHostsStatus Status,
    string LookupName,
    KnownHostsEntry? Match,
    IReadOnlyList<KnownHostsEntry> Offending,
    IReadOnlyList<KnownHostsEntry> RevokedBy)
{
    /// <summary>For <see cref="KnownHostsStatus.Changed"/>: every offending entry is of another key type (e.g. an RSA key known, ED25519 presented).</summary>
    public bool OnlyOtherKeyTypes { get; init; }

    /// <summary>True when a non-22 port had no entry and the bare host name matched instead (OpenSSH accepts that, "checking without port identifier").</summary>
    public bool MatchedWithoutPort { get; init; }

    /// <summary>For a host certificate: true when a <c>@cert-authority</c> entry (<see cref="Match"/>) vouches for it and the certificate is valid for the host.</summary>
    public bool TrustedByCertificateAuthority { get; init; }

    /// <summary>
    /// For a host certificate that is not trusted: why (OpenSSH's message, e.g. <c>Certificate invalid: expired</c>, or no
    /// matching CA). ssh then checks the certified plain key instead, and this verdict is that check's.
    /// </summary>
    public string? CertificateProblem { get; init; }
}
