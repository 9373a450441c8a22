namespace SshDoctor.Ssh.Crypto;

/// <summary>A stateful block-cipher mode transforming whole blocks in place, keeping its chaining state across packets.</summary>
internal interface IBlockMode : IDisposable
{
    int BlockSize { get; }

    void Transform(Span<byte> data);
}
