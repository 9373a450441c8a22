using SshDoctor.Diagnosis.Observations;

namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>
/// How a failed connect reads in words (ssh's <c>connect to host H port P: REASON</c>, a jump host's <c>connect failed:
/// REASON</c>, PuTTY's <c>Network error: REASON</c>) and which tcp diagnosis each kind is: one table for every source.
/// </summary>
public static class ConnectFailureText
{
    /// <summary>The failure the strerror text names, or null when it names none we tell apart.</summary>
    public static TcpFailureKind? KindOf(string? reason) => reason switch
    {
        null => null,
        _ when reason.Contains("refused", StringComparison.OrdinalIgnoreCase) => TcpFailureKind.Refused,
        _ when reason.Contains("timed out", StringComparison.OrdinalIgnoreCase) => TcpFailureKind.TimedOut,
        _ when reason.Contains("unreachable", StringComparison.OrdinalIgnoreCase)
            || reason.Contains("No route", StringComparison.OrdinalIgnoreCase) => TcpFailureKind.Unreachable,

        // EACCES/EPERM from connect(2): a firewall rule on the way (or on this machine) rejects it.
        _ when reason.Contains("Permission denied", StringComparison.OrdinalIgnoreCase) => TcpFailureKind.Unreachable,
        _ when reason.Contains("reset", StringComparison.OrdinalIgnoreCase) => TcpFailureKind.Reset,
        _ => null,
    };

    public static string? IdFor(TcpFailureKind? kind) => kind switch
    {
        TcpFailureKind.Refused => DiagnosisIds.TcpRefused,
        TcpFailureKind.TimedOut => DiagnosisIds.TcpTimeout,
        TcpFailureKind.Unreachable => DiagnosisIds.TcpUnreachable,
        TcpFailureKind.Reset => DiagnosisIds.TcpResetBeforeBanner,
        _ => null,
    };

    public static string? IdFor(string? reason) => IdFor(KindOf(reason));
}
