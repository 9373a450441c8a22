namespace SshDoctor.Fixes.Planning;

/// <summary>
/// What the user must see before a host key is accepted: the fingerprints known_hosts records for the host (with
/// file:line) and the one the server presented, side by side; accepted only by typing yes, or by
/// <c>--expect-fingerprint</c> equal to <see cref="Presented"/>.
/// </summary>
public sealed record HostKeyConfirmation(string Host, IReadOnlyList<(string Fingerprint, string Where)> Recorded, string Presented, bool Verified);
