using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Logs.Signatures;
using static SshDoctor.Diagnosis.DiagnosisIds;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The diagnosis a recognised server line proves. Mostly the signature's own id; a few signatures cover several
/// diagnoses and a captured group decides (<see cref="Decided"/>, one table): which algorithm list had nothing in common
/// (<see cref="AlgorithmSlots"/>, as for the explain rules), which disconnect code the client sent.
/// </summary>
public static class FailureId
{
    /// <summary>The diagnosis the deciding group's text (and the detail group's, empty when absent) names, or null.</summary>
    public delegate string? Rule(ReadOnlySpan<char> deciding, ReadOnlySpan<char> detail);

    /// <summary>One signature whose captured text decides its diagnosis.</summary>
    /// <param name="Signature">The signature's name.</param>
    /// <param name="Deciding">The group the rule reads; absent: no diagnosis.</param>
    /// <param name="Detail">A second group the rule reads, or null.</param>
    /// <param name="Decide">The rule.</param>
    /// <param name="Ids">Every id the rule can name, when the decided id is also the line's diagnosis in explain
    /// (<see cref="Proven"/>); empty when explain's own rule judges the line (KexRule reads the offer beside the slot).</param>
    public sealed record Decided(string Signature, EventField Deciding, EventField? Detail, Rule Decide, IReadOnlyList<string> Ids);

    private static readonly Decided[] Table =
    [
        new(SshdUnableToNegotiate.Name, AnyEvent.What, null, static (what, _) => AlgorithmSlots.IdFor(what), []),
        new(SshdNoMatchingAlgorithm.Name, AnyEvent.What, null, static (what, _) => AlgorithmSlots.IdFor(what), []),
        new(SshdReceivedDisconnect.Name, SshdReceivedDisconnect.Code, SshdReceivedDisconnect.Reason, Disconnect, [AuthNoSupportedMethods]),
    ];

    /// <summary>The line's diagnosis as <c>logs</c> counts it.</summary>
    public static string? Of(SignatureMatch match) => For(match.Signature) is { } row ? Apply(row, match) : match.Signature.DiagnosisId;

    /// <summary>The line's diagnosis as explain's rules read it (<see cref="LogEvent.DiagnosisId"/>): a decided one only where the table says explain takes it.</summary>
    public static string? Proven(SignatureMatch match) =>
        For(match.Signature) is { Ids.Count: > 0 } row ? Apply(row, match) : match.Signature.DiagnosisId;

    /// <summary>Every diagnosis a line of the signature can prove in explain (what the rules that read the table produce).</summary>
    public static IEnumerable<string> ProvenIds(MessageSignature signature) =>
        For(signature) is { Ids.Count: > 0 } row ? row.Ids : signature.DiagnosisId is { } id ? [id] : [];

    /// <summary>The signature's row, or null: its own id.</summary>
    public static Decided? For(MessageSignature signature)
    {
        foreach (var row in Table)
        {
            if (string.Equals(row.Signature, signature.Name, StringComparison.Ordinal))
            {
                return row;
            }
        }

        return null;
    }

    private static string? Apply(Decided row, SignatureMatch match) =>
        match[row.Deciding] is { } deciding ? row.Decide(deciding, row.Detail is { } detail ? match[detail] : null) : null;

    /// <summary>
    /// The client's reason for giving up (packet.c's "Received disconnect"): SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE
    /// (14, whatever words the client adds), or JSch's code 3 with its exception's text when its authentication failed
    /// (<c>com.jcraft.jsch.JSchException: Auth fail</c>; a cancel is <c>Auth cancel</c>). Any other code ends a connection.
    /// </summary>
    private static string? Disconnect(ReadOnlySpan<char> code, ReadOnlySpan<char> reason) =>
        code is "14" || (code is "3" && reason.EndsWith("Auth fail", StringComparison.Ordinal)) ? AuthNoSupportedMethods : null;
}
