namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>
/// What else makes sshd refuse every key the same way as a key missing from authorized_keys: StrictModes on the
/// account's files, an unknown user (sshd still answers), AllowUsers/DenyUsers or a bad shell, and for root
/// PermitRootLogin (Dropbear -w too). The client never learns which (reference §1.10); the server's log does.
/// </summary>
public static class RefusedKeyCauses
{
    public static IReadOnlyList<string> For(string? user) => user == "root"
        ? [DiagnosisIds.AuthPublicKeyServerModes, DiagnosisIds.AuthWrongUser, DiagnosisIds.AuthNotAllowed, DiagnosisIds.AuthRootRefused]
        : [DiagnosisIds.AuthPublicKeyServerModes, DiagnosisIds.AuthWrongUser, DiagnosisIds.AuthNotAllowed];
}
