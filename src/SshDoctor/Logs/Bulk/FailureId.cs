using SshDoctor.Logs.Signatures;
using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The diagnosis a recognised server line proves. Mostly the signature's own id; a few signatures cover several
/// diagnoses and the captured text decides (which algorithm list had nothing in common), as the explain rules do.
/// </summary>
public static class FailureId
{
    public static string? Of(SignatureMatch match) => match.Signature.Name switch
    {
        "sshd.unable-to-negotiate" or "sshd.no-matching-algorithm" => Algorithm(match["what"]),
        _ => match.Signature.DiagnosisId,
    };

    private static string? Algorithm(string? what) => what?.ToUpperInvariant() switch
    {
        "KEY EXCHANGE METHOD" or "KEX METHOD" or "KEX ALGORITHM" => KexNoCommonKex,
        "HOST KEY TYPE" => KexNoCommonHostKey,
        "CIPHER" => KexNoCommonCipher,
        "MAC" => KexNoCommonMac,
        _ => null,
    };

    /// <summary>What <see cref="Of"/> says for an unable-to-negotiate <c>what</c> group of printable ASCII, on the span.</summary>
    public static string? Algorithm(ReadOnlySpan<char> what) =>
        what.Equals("key exchange method", StringComparison.OrdinalIgnoreCase) || what.Equals("kex method", StringComparison.OrdinalIgnoreCase)
        || what.Equals("kex algorithm", StringComparison.OrdinalIgnoreCase) ? KexNoCommonKex
        : what.Equals("host key type", StringComparison.OrdinalIgnoreCase) ? KexNoCommonHostKey
        : what.Equals("cipher", StringComparison.OrdinalIgnoreCase) ? KexNoCommonCipher
        : what.Equals("MAC", StringComparison.OrdinalIgnoreCase) ? KexNoCommonMac
        : null;
}
