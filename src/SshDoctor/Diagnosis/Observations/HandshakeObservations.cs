using SshDoctor.Ssh;

namespace SshDoctor.Diagnosis.Observations;

/// <summary>
/// Nothing usable came before or as the server's identification line: what it sent first (<see cref="PreBannerBytes"/>,
/// <see cref="PreBannerLines"/>), how the connection ended, and whether a TLS ClientHello on another connection was
/// answered with a TLS record (asked only when the server closed or reset without a byte).
/// </summary>
public sealed record BannerFailed(ProbeSubject Subject, string? Hop, ProbeFailure Failure, ReadOnlyMemory<byte> PreBannerBytes, IReadOnlyList<string> PreBannerLines,
    string? IdentificationLine, string? ProtocolVersion, bool AnswersTls) : Observation(Subject, Hop)
{
    /// <summary>Closed or reset without a byte: the case a TLS service that waits for the client looks like.</summary>
    public static bool Silent(ProbeFailure failure, ReadOnlyMemory<byte> preBannerBytes) =>
        preBannerBytes.Length == 0 && failure.Kind is ProbeFailureKind.ConnectionClosed or ProbeFailureKind.ConnectionReset;
}

/// <summary>
/// After its identification line the server broke off the handshake or the protocol (<see cref="Failure"/>, at its
/// stage); <see cref="KexInitSeen"/>: its KEXINIT had arrived.
/// </summary>
public sealed record HandshakeBroken(ProbeSubject Subject, string? Hop, ProbeFailure Failure, string Identification, bool KexInitSeen) : Observation(Subject, Hop);

/// <summary>
/// No algorithm in common in one slot: the server's offer against the user's ssh's list (<see cref="ClientOffer"/>,
/// from <see cref="ClientSource"/>; <see cref="ClientExact"/> when read from the user's own ssh), or against the
/// probe itself (<see cref="ClientOffer"/> null), which offers every legacy algorithm it knows. <see cref="UserSshAgrees"/>:
/// the user's own ssh (its exact lists) has an algorithm in common with the server in that slot.
/// </summary>
public sealed record AlgorithmsUnmatched(ProbeSubject Subject, string? Hop, AlgorithmSlot Slot, IReadOnlyList<string> ServerOffer, IReadOnlyList<string>? ClientOffer,
    string ClientSource, bool ClientExact, bool UserSshAgrees = false) : Observation(Subject, Hop);
