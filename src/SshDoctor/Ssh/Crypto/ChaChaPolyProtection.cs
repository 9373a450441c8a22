using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace SshDoctor.Ssh.Crypto;

/// <summary>
/// chacha20-poly1305@openssh.com (OpenSSH PROTOCOL.chacha20poly1305): two ChaCha20 keys from 64 bytes of key material,
/// K_2 (first 32) for the payload and the Poly1305 key, K_1 (last 32) for the length; the nonce is the sequence number.
/// </summary>
internal sealed class ChaChaPolyProtection : PacketProtection
{
    private readonly byte[] _mainKey;
    private readonly byte[] _headerKey;

    public ChaChaPolyProtection(byte[] key)
    {
        _mainKey = key[..32];
        _headerKey = key[32..64];
    }

    public override int BlockSize => 8;

    public override bool AlignmentIncludesLength => false;

    public override int TagLength => 16;

    public override int FirstReadLength => 4;

    public override void Seal(uint sequence, Span<byte> packet, Span<byte> tag)
    {
        var nonce = Nonce(sequence);
        Crypt(_headerKey, nonce, packet[..4], skipFirstBlock: false);
        var polyKey = PolyKey(nonce);
        Crypt(_mainKey, nonce, packet[4..], skipFirstBlock: true);
        ComputeTag(polyKey, packet, tag);
    }

    public override uint ReadLength(uint sequence, Span<byte> firstBytes)
    {
        // Decrypt a copy: the tag covers the encrypted length.
        Span<byte> length = stackalloc byte[4];
        firstBytes.CopyTo(length);
        Crypt(_headerKey, Nonce(sequence), length, skipFirstBlock: false);
        return BinaryPrimitives.ReadUInt32BigEndian(length);
    }

    public override bool Open(uint sequence, Span<byte> packet, ReadOnlySpan<byte> tag)
    {
        var nonce = Nonce(sequence);
        Span<byte> expected = stackalloc byte[16];
        ComputeTag(PolyKey(nonce), packet, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, tag))
        {
            return false;
        }

        Crypt(_headerKey, nonce, packet[..4], skipFirstBlock: false);
        Crypt(_mainKey, nonce, packet[4..], skipFirstBlock: true);
        return true;
    }

    private static byte[] Nonce(uint sequence)
    {
        var nonce = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(nonce, sequence);
        return nonce;
    }

    private byte[] PolyKey(byte[] nonce)
    {
        var block = new byte[64];
        var engine = new ChaChaEngine(20);
        engine.Init(true, new ParametersWithIV(new KeyParameter(_mainKey), nonce));
        engine.ProcessBytes(block, 0, 64, block, 0);
        return block[..32];
    }

    private static void Crypt(byte[] key, byte[] nonce, Span<byte> data, bool skipFirstBlock)
    {
        var engine = new ChaChaEngine(20);
        engine.Init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        if (skipFirstBlock)
        {
            // The payload starts at block counter 1; block 0 is the Poly1305 key.
            var discard = new byte[64];
            engine.ProcessBytes(discard, 0, 64, discard, 0);
        }

        var buffer = data.ToArray();
        engine.ProcessBytes(buffer, 0, buffer.Length, buffer, 0);
        buffer.CopyTo(data);
    }

    private static void ComputeTag(byte[] polyKey, ReadOnlySpan<byte> packet, Span<byte> tag)
    {
        var poly = new Poly1305();
        poly.Init(new KeyParameter(polyKey));
        poly.BlockUpdate(packet);
        poly.DoFinal(tag);
    }
}
