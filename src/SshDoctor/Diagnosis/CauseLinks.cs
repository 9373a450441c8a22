using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Diagnosis;

/// <summary>
/// Server-side causes that explain a client symptom: when both are proven, the cause is the root and goes first
/// (hosts.deny explains a reset before the banner; a ban explains a refused or dropped connection).
/// </summary>
public static class CauseLinks
{
    private static readonly Dictionary<string, string[]> Explains = new(StringComparer.Ordinal)
    {
        [ServerHostsDeny] = [TcpResetBeforeBanner],
        [ServerBanned] = [TcpRefused, TcpTimeout, TcpResetBeforeBanner],
        [ServerPortMismatch] = [TcpRefused],
        [ServerSshdNotRunning] = [TcpRefused],
        [ServerFirewallBlocks] = [TcpRefused, TcpTimeout, TcpUnreachable],
        [ServerConfigInvalid] = [TcpRefused, TcpResetBeforeBanner, KexInterrupted],
        [AuthPublicKeyKeysCommandMissing] = [AuthPublicKeyNotAuthorized],
        // An account the server does not have, or will not let in, fails every attempt: MaxAuthTries' disconnect is its symptom.
        [AuthWrongUser] = [AuthTooManyFailures],
        [AuthNotAllowed] = [AuthTooManyFailures],
        [JumpHopFailed] = [TcpResetBeforeBanner, KexInterrupted, TcpRefused, TcpTimeout, TcpUnreachable, AuthPublicKeyNotAuthorized, SessionChannelRefused],
    };

    /// <summary>Returns the symptoms <paramref name="cause"/> explains.</summary>
    public static IReadOnlyList<string> SymptomsOf(string cause) => Explains.TryGetValue(cause, out var s) ? s : [];
}
