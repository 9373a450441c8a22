using SshDoctor.Logs.Signatures;
using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The diagnosis a recognised server line proves. Mostly the signature's own id; a few signatures cover several
/// diagnoses and the captured text decides (which algorithm list had nothing in common), as the explain rules do.
/// </summary>
public static class FailureId
{
    public static string? Of(SignatureMatch match) => DecidingGroup(match.Signature) is { } group ? Algorithm(match[group]) : match.Signature.DiagnosisId;

    /// <summary>The group whose text decides the diagnosis (through <see cref="Algorithm(ReadOnlySpan{char})"/>), or null: the signature's own id.</summary>
    public static string? DecidingGroup(MessageSignature signature) =>
        signature.Name is "sshd.unable-to-negotiate" or "sshd.no-matching-algorithm" ? "what" : null;

    private static string? Algorithm(string? what) => what is null ? null : Algorithm(what.AsSpan());

    /// <summary>The diagnosis an unable-to-negotiate <c>what</c> group names (compared ignoring case).</summary>
    public static string? Algorithm(ReadOnlySpan<char> what) =>
        what.Equals("key exchange method", StringComparison.OrdinalIgnoreCase) || what.Equals("kex method", StringComparison.OrdinalIgnoreCase)
        || what.Equals("kex algorithm", StringComparison.OrdinalIgnoreCase) ? KexNoCommonKex
        : what.Equals("host key type", StringComparison.OrdinalIgnoreCase) ? KexNoCommonHostKey
        : what.Equals("cipher", StringComparison.OrdinalIgnoreCase) ? KexNoCommonCipher
        : what.Equals("MAC", StringComparison.OrdinalIgnoreCase) ? KexNoCommonMac
        : null;
}
