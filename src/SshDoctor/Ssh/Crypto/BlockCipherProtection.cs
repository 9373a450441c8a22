using System.Buffers.Binary;

namespace SshDoctor.Ssh.Crypto;

/// <summary>A block cipher (AES-CTR/CBC) with an HMAC, either encrypt-and-MAC (RFC 4253) or encrypt-then-MAC (OpenSSH PROTOCOL §1.7).</summary>
internal sealed class BlockCipherProtection : PacketProtection
{
    private readonly IBlockMode _mode;
    private readonly SshMac _mac;
    private readonly bool _encryptThenMac;

    public BlockCipherProtection(IBlockMode mode, SshMac mac, bool encryptThenMac)
    {
        _mode = mode;
        _mac = mac;
        _encryptThenMac = encryptThenMac;
    }

    public override int BlockSize => _mode.BlockSize;

    public override bool AlignmentIncludesLength => !_encryptThenMac;

    public override int TagLength => _mac.Length;

    public override int FirstReadLength => _encryptThenMac ? 4 : _mode.BlockSize;

    public override void Seal(uint sequence, Span<byte> packet, Span<byte> tag)
    {
        if (_encryptThenMac)
        {
            _mode.Transform(packet[4..]);
            _mac.Compute(sequence, packet, tag);
        }
        else
        {
            _mac.Compute(sequence, packet, tag);
            _mode.Transform(packet);
        }
    }

    public override uint ReadLength(uint sequence, Span<byte> firstBytes)
    {
        if (!_encryptThenMac)
        {
            _mode.Transform(firstBytes);
        }

        return BinaryPrimitives.ReadUInt32BigEndian(firstBytes);
    }

    public override bool Open(uint sequence, Span<byte> packet, ReadOnlySpan<byte> tag)
    {
        if (_encryptThenMac)
        {
            if (!_mac.Verify(sequence, packet, tag))
            {
                return false;
            }

            _mode.Transform(packet[4..]);
            return true;
        }

        _mode.Transform(packet[_mode.BlockSize..]);
        return _mac.Verify(sequence, packet, tag);
    }

    public override void Dispose()
    {
        _mode.Dispose();
        _mac.Dispose();
        base.Dispose();
    }
}
