namespace SshDoctor.Ssh;

/// <summary>The negotiated slots of a KEXINIT (RFC 4253 §7.1).</summary>
public enum AlgorithmSlot
{
    Kex,
    HostKey,
    CipherClientToServer,
    CipherServerToClient,
    MacClientToServer,
    MacServerToClient,
    CompressionClientToServer,
    CompressionServerToClient,
}
