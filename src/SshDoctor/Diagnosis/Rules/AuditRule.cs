using SshDoctor.Diagnosis.Observations;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Signatures;
using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// The audits' verdicts: what a check saw (its finding code) is the failure OpenSSH would hit, as certain as the table
/// says, at most likely when the check could not confirm it (<see cref="AuditObservation.Unconfirmed"/>). A failure
/// found in the server's log (<c>log.subject-failure</c>) is the diagnosis its signature names, as in <c>explain</c>.
/// </summary>
public sealed class AuditRule : IRule
{
    private const string LoggedFailure = "log.subject-failure";

    private static readonly Dictionary<string, (string Id, Certainty Certainty)> Verdicts = new(StringComparer.Ordinal)
    {
        // check-local
        ["config.bad-permissions"] = (ConfigBadPermissions, Certainty.Proven),
        ["config.bad-option"] = (ConfigBadOption, Certainty.Proven),
        ["config.include-loop"] = (ConfigIncludeLoop, Certainty.Proven),
        ["config.include-too-deep"] = (ConfigIncludeLoop, Certainty.Proven),
        ["key.permissions-too-open"] = (KeyPermissionsTooOpen, Certainty.Proven),
        ["key.weak"] = (KeyWeak, Certainty.Proven),
        ["key.mismatch"] = (KeyMismatch, Certainty.Proven),
        ["key.not-found"] = (KeyNotFound, Certainty.Likely),
        ["agent.unusable"] = (KeyAgentUnusable, Certainty.Proven),
        ["agent.too-many-keys"] = (AuthTooManyFailures, Certainty.Possible),

        // check-server
        ["sshd.config-invalid"] = (ServerConfigInvalid, Certainty.Proven),
        ["sshd.include-loop"] = (ServerConfigInvalid, Certainty.Proven),
        ["sshd.include-too-deep"] = (ServerConfigInvalid, Certainty.Proven),
        ["sshd.not-running"] = (ServerSshdNotRunning, Certainty.Proven),
        ["sshd.port-mismatch"] = (ServerPortMismatch, Certainty.Proven),
        ["sshd.pubkey-disabled"] = (AuthPublicKeyDisabled, Certainty.Proven),
        ["strictmodes.refused"] = (AuthPublicKeyServerModes, Certainty.Proven),
        ["user.missing"] = (AuthWrongUser, Certainty.Proven),
        ["user.no-home"] = (SessionNoHome, Certainty.Proven),
        ["user.shell-disabled"] = (SessionShellDisabled, Certainty.Proven),
        ["user.shell-invalid"] = (AuthNotAllowed, Certainty.Proven),
        ["access.denied"] = (AuthNotAllowed, Certainty.Proven),
        ["access.root-refused"] = (AuthRootRefused, Certainty.Proven),
        ["hosts-deny.denied"] = (ServerHostsDeny, Certainty.Proven),
        ["fail2ban.banned"] = (ServerBanned, Certainty.Proven),
        ["firewall.blocks"] = (ServerFirewallBlocks, Certainty.Proven),
        ["firewall.ufw-no-rule"] = (ServerFirewallBlocks, Certainty.Likely),
        ["firewall.firewalld-no-rule"] = (ServerFirewallBlocks, Certainty.Likely),
        ["log.quiet"] = (ServerAuthLogMissing, Certainty.Proven),
        ["log.missing"] = (ServerAuthLogMissing, Certainty.Likely),
        ["selinux.label-wrong"] = (AuthPublicKeySelinux, Certainty.Likely),
    };

    /// <summary>The finding codes that are problems (a conventions test checks each has a text).</summary>
    public static IEnumerable<string> Codes => Verdicts.Keys.Append(LoggedFailure);

    public IReadOnlyList<string> Produces { get; } = Verdicts.Values.Select(v => v.Id)
        .Concat(SignatureTable.Server.SelectMany(FailureId.ProvenIds))
        .Distinct(StringComparer.Ordinal)
        .ToList();

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence) => evidence.Audited.Select(Judge).OfType<Diagnosis>();

    /// <summary>The diagnosis one audit observation is, or null when its code names no problem.</summary>
    public static Diagnosis? Judge(AuditObservation seen)
    {
        (string Id, Certainty Certainty) verdict;
        if (seen.Code == LoggedFailure && seen["id"] is { } logged && IsKnown(logged))
        {
            verdict = (logged, Certainty.Proven);
        }
        else if (!Verdicts.TryGetValue(seen.Code, out verdict))
        {
            return null;
        }

        var certainty = seen.Unconfirmed && verdict.Certainty < Certainty.Likely ? Certainty.Likely : verdict.Certainty;
        return Diagnosis.Create(verdict.Id, certainty, [new Evidence(seen.Source, seen.Evidence, seen.Where)], [.. seen.Values]);
    }
}
