using SshDoctor.Diagnosis;
using SshDoctor.Ssh;

namespace SshDoctor.Probing;

/// <summary>
/// PreferredAuthentications without <c>publickey</c>: ssh will not offer a key, so the probe's key queries say nothing
/// about this login. What the methods list still shows: none of the preferred methods is allowed (a password wanted,
/// keys only), or root with a password, which OpenSSH's default PermitRootLogin prohibit-password refuses (possible
/// only: diagnose never sends a password).
/// </summary>
internal static class PreferredMethodFindings
{
    private static readonly string[] PasswordMethods = ["password", "keyboard-interactive"];

    /// <summary>True when ssh would try public keys for this destination.</summary>
    public static bool OffersKeys(ProbeTarget target) =>
        target.PubkeyAuthentication && (target.PreferredAuthentications is null || target.PreferredAuthentications.Contains("publickey"));

    public static List<Diagnosis.Diagnosis> From(ProbeTarget target, string? hop, IReadOnlyList<string> methods)
    {
        var preferred = target.PreferredAuthentications ?? [];
        var text = ProbeEvidence.Local($"your ssh tries only: {string.Join(',', preferred)} (PreferredAuthentications)");
        var allowed = ProbeEvidence.Seen($"the server allows: {(methods.Count == 0 ? "(nothing)" : RemoteText.Names(methods))} (answer to 'none' for {target.User})");
        if (!preferred.Any(methods.Contains))
        {
            var id = preferred.Any(PasswordMethods.Contains) ? DiagnosisIds.AuthPasswordDisabled : DiagnosisIds.AuthNoSupportedMethods;
            return [ProbeEvidence.Create(id, Certainty.Proven, target, hop, [text, allowed])];
        }

        if (target.User == "root" && preferred.Any(m => PasswordMethods.Contains(m) && methods.Contains(m)))
        {
            return [ProbeEvidence.Create(DiagnosisIds.AuthRootRefused, Certainty.Possible, target, hop,
                [text, allowed, ProbeEvidence.Seen("root with a password: OpenSSH's default PermitRootLogin prohibit-password refuses it (and logs it as a failed password); diagnose never sends a password, so this is not checked")])];
        }

        return [];
    }
}
