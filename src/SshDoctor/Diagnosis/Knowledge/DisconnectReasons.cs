namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>What a server's disconnect reason says, as ssh, PuTTY and a person retyping either word it.</summary>
public static class DisconnectReasons
{
    /// <summary>
    /// sshd's MaxAuthTries disconnect (<c>Too many authentication failures</c>, <c>… for root</c>); a person retyping
    /// PuTTY's message lowercases it.
    /// </summary>
    public static bool IsTooManyFailures(string? reason) =>
        reason is not null && reason.Contains("Too many authentication failures", StringComparison.OrdinalIgnoreCase);
}
