using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Logs.Signatures;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The diagnosis a recognised server line proves. Mostly the signature's own id; a few signatures cover several
/// diagnoses and the captured text decides (which algorithm list had nothing in common: <see cref="AlgorithmSlots"/>, as for the explain rules).
/// </summary>
public static class FailureId
{
    public static string? Of(SignatureMatch match) => DecidingGroup(match.Signature) is { } group ? Algorithm(match[group]) : match.Signature.DiagnosisId;

    /// <summary>The group whose text decides the diagnosis (through <see cref="Algorithm(ReadOnlySpan{char})"/>), or null: the signature's own id.</summary>
    public static EventField? DecidingGroup(MessageSignature signature) =>
        signature.Name is SshdUnableToNegotiate.Name or SshdNoMatchingAlgorithm.Name ? AnyEvent.What : null;

    private static string? Algorithm(string? what) => what is null ? null : Algorithm(what.AsSpan());

    /// <summary>The diagnosis an unable-to-negotiate <c>what</c> group names (the one slot table, <see cref="AlgorithmSlots"/>).</summary>
    public static string? Algorithm(ReadOnlySpan<char> what) => AlgorithmSlots.IdFor(what);
}
