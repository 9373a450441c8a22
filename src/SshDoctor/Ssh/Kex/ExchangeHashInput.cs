using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Kex;

/// <summary>The common start of every exchange hash: V_C, V_S, I_C, I_S (RFC 4253 §8).</summary>
internal sealed record ExchangeHashInput(byte[] ClientIdentification, byte[] ServerIdentification, byte[] ClientKexInit, byte[] ServerKexInit)
{
    public SshWriter StartHash() => new SshWriter(2048)
        .WriteString(ClientIdentification)
        .WriteString(ServerIdentification)
        .WriteString(ClientKexInit)
        .WriteString(ServerKexInit);
}
