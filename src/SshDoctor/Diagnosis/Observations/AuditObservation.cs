namespace SshDoctor.Diagnosis.Observations;

/// <summary>
/// What an audit check (check-local, check-server) saw that OpenSSH would trip over, named by its finding
/// <see cref="Code"/> (<c>key.permissions-too-open</c>, <c>user.missing</c>, <c>log.subject-failure</c>): the facts in
/// <see cref="Values"/>, the evidence as seen and where. Which diagnosis that is and how certain is
/// <see cref="Rules.AuditRule"/>'s verdict. <see cref="Unconfirmed"/>: the check could not confirm it holds for the
/// connection in question (ssh not there to ask, the client's address unknown, hosts rules other than Debian's, a ban
/// line rather than fail2ban's current list).
/// </summary>
public sealed record AuditObservation(
    EvidenceSource Source,
    string Code,
    string? Where,
    string Evidence,
    IReadOnlyList<(string Key, string? Value)> Values,
    bool Unconfirmed = false)
{
    public string? this[string key] => Values.LastOrDefault(v => v.Key == key).Value;
}
