using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Logs.Signatures;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The diagnosis a recognised server line proves. Mostly the signature's own id; a few signatures cover several
/// diagnoses and the captured text decides (which algorithm list had nothing in common: <see cref="AlgorithmSlots"/>, as for the explain rules).
/// </summary>
public static class FailureId
{
    public static string? Of(SignatureMatch match) => match.Signature.Name switch
    {
        "sshd.unable-to-negotiate" or "sshd.no-matching-algorithm" => AlgorithmSlots.IdFor(match["what"]),
        _ => match.Signature.DiagnosisId,
    };

    /// <summary>What <see cref="Of"/> says for an unable-to-negotiate <c>what</c> group of printable ASCII, on the span.</summary>
    public static string? Algorithm(ReadOnlySpan<char> what) => AlgorithmSlots.IdFor(what);
}
