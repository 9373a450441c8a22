using SshDoctor.Diagnosis;
using SshDoctor.Fixes.Implementations;
using SshDoctor.Fixes.Planning;

namespace SshDoctor.Fixes;

/// <summary>
/// Every automatic fix, one per diagnosis id. The catalogue marks the same ids <c>Automatic</c> (one fix each), and a
/// conventions test keeps the two lists equal.
/// </summary>
public static class FixRegistry
{
    public static IReadOnlyList<IFix> All { get; } =
    [
        new ConfigPermissionsFix(),
        new KeyPermissionsFix(),
        new KeyMismatchFix(),
        new HostKeyFix(DiagnosisIds.HostKeyChanged),
        new HostKeyFix(DiagnosisIds.HostKeyUnknown),
        new TooManyFailuresFix(),
        new LegacyAlgorithmFix(DiagnosisIds.KexNoCommonKex),
        new LegacyAlgorithmFix(DiagnosisIds.KexNoCommonHostKey),
        new LegacyAlgorithmFix(DiagnosisIds.KexNoCommonCipher),
        new LegacyAlgorithmFix(DiagnosisIds.KexNoCommonMac),
        new KeepAliveFix(),
        new ServerModesFix(),
        new NoHomeFix(),
        new SelinuxFix(),
        new UnbanFix(),
        new StartSshdFix(),
    ];

    private static readonly Dictionary<string, IFix> ById = All.ToDictionary(f => f.Id, StringComparer.Ordinal);

    public static IFix? For(string id) => ById.GetValueOrDefault(id);

    /// <summary>Server-side fixes: planned from check-server on the server, never from a client.</summary>
    public static bool IsServerSide(string id) => id is DiagnosisIds.AuthPublicKeyServerModes or DiagnosisIds.SessionNoHome
        or DiagnosisIds.AuthPublicKeySelinux or DiagnosisIds.ServerBanned or DiagnosisIds.ServerSshdNotRunning;

    /// <summary>The command a report prints for the automatic fix of <paramref name="diagnosis"/>, from its values (null: the summary says it).</summary>
    public static string? PrintedCommand(Diagnosis.Diagnosis diagnosis) => For(diagnosis.Id)?.Sketch(diagnosis.Values);
}
