namespace SshDoctor.Ssh.Transport;

/// <summary>The algorithms chosen for this connection (RFC 4253 §7.1: the client's first choice the server also offers).</summary>
/// <remarks>MAC names are <c>null</c> when the cipher is an AEAD (GCM, ChaCha20-Poly1305) and so no MAC was negotiated.</remarks>
public sealed record NegotiatedAlgorithms(
    string Kex,
    string HostKey,
    string CipherClientToServer,
    string CipherServerToClient,
    string? MacClientToServer,
    string? MacServerToClient,
    string CompressionClientToServer,
    string CompressionServerToClient,
    bool StrictKex);
