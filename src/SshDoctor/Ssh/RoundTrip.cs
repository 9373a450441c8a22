namespace SshDoctor.Ssh;

/// <summary>One request/response exchange with the server, for counting round trips per stage.</summary>
/// <param name="Stage">The stage it belongs to.</param>
/// <param name="Exchange">What was exchanged, e.g. <c>KEX_ECDH_INIT/REPLY</c>.</param>
/// <param name="Elapsed">From sending the request until the reply arrived.</param>
public sealed record RoundTrip(ProbeStage Stage, string Exchange, TimeSpan Elapsed);
