using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SshDoctor.Ssh.Crypto;

/// <summary>aes128/256-gcm@openssh.com (RFC 5647 as amended by OpenSSH PROTOCOL §1.6): the length is clear but authenticated.</summary>
internal sealed class AesGcmProtection : PacketProtection
{
    private readonly AesGcm _gcm;
    private readonly byte[] _nonce;

    public AesGcmProtection(byte[] key, byte[] iv)
    {
        _gcm = new AesGcm(key, 16);
        _nonce = (byte[])iv.Clone();
    }

    public override int BlockSize => 16;

    public override bool AlignmentIncludesLength => false;

    public override int TagLength => 16;

    public override int FirstReadLength => 4;

    public override void Seal(uint sequence, Span<byte> packet, Span<byte> tag)
    {
        var plain = packet[4..].ToArray();
        _gcm.Encrypt(_nonce, plain, packet[4..], tag, packet[..4]);
        IncrementInvocationCounter();
    }

    public override uint ReadLength(uint sequence, Span<byte> firstBytes) => BinaryPrimitives.ReadUInt32BigEndian(firstBytes);

    public override bool Open(uint sequence, Span<byte> packet, ReadOnlySpan<byte> tag)
    {
        var cipher = packet[4..].ToArray();
        try
        {
            _gcm.Decrypt(_nonce, cipher, tag, packet[4..], packet[..4]);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        IncrementInvocationCounter();
        return true;
    }

    public override void Dispose()
    {
        _gcm.Dispose();
        base.Dispose();
    }

    // RFC 5647 §7.1: the low 64 bits of the nonce count packets.
    private void IncrementInvocationCounter()
    {
        var counter = BinaryPrimitives.ReadUInt64BigEndian(_nonce.AsSpan(4));
        BinaryPrimitives.WriteUInt64BigEndian(_nonce.AsSpan(4), counter + 1);
    }
}
