using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SshDoctor.Ssh.Crypto;

/// <summary>An HMAC over <c>uint32 sequence_number || data</c> (RFC 4253 §6.4).</summary>
internal sealed class SshMac : IDisposable
{
    private readonly IncrementalHash _hmac;

    public SshMac(HashAlgorithmName hash, byte[] key)
    {
        _hmac = IncrementalHash.CreateHMAC(hash, key);
        Length = _hmac.HashLengthInBytes;
    }

    public int Length { get; }

    public void Compute(uint sequence, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Span<byte> seq = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(seq, sequence);
        _hmac.AppendData(seq);
        _hmac.AppendData(data);
        _hmac.GetHashAndReset(destination);
    }

    public bool Verify(uint sequence, ReadOnlySpan<byte> data, ReadOnlySpan<byte> expected)
    {
        Span<byte> actual = stackalloc byte[Length];
        Compute(sequence, data, actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    public void Dispose() => _hmac.Dispose();
}
