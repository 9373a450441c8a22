using System.Buffers.Binary;

namespace SshDoctor.Ssh.Crypto;

/// <summary>The initial state before NEWKEYS: no cipher, no MAC.</summary>
internal sealed class NoProtection : PacketProtection
{
    public override int BlockSize => 8;

    public override bool AlignmentIncludesLength => true;

    public override int TagLength => 0;

    public override int FirstReadLength => 4;

    public override void Seal(uint sequence, Span<byte> packet, Span<byte> tag) { }

    public override uint ReadLength(uint sequence, Span<byte> firstBytes) => BinaryPrimitives.ReadUInt32BigEndian(firstBytes);

    public override bool Open(uint sequence, Span<byte> packet, ReadOnlySpan<byte> tag) => true;
}
