using System.Buffers.Binary;
using System.Security.Cryptography;
using SshDoctor.Ssh.Crypto;

namespace SshDoctor.Ssh.Transport;

/// <summary>The binary packet protocol (RFC 4253 §6): framing, padding, sequence numbers, encryption and integrity.</summary>
internal sealed class PacketChannel : IDisposable
{
    private const int MinimumPadding = 4;
    private readonly Stream _stream;
    private readonly int _maxPacketLength;
    private PacketProtection _send = new NoProtection();
    private PacketProtection _receive = new NoProtection();

    public PacketChannel(Stream stream, InputBuffer input, int maxPacketLength)
    {
        _stream = stream;
        Input = input;
        _maxPacketLength = maxPacketLength;
    }

    public InputBuffer Input { get; }

    public uint SendSequence { get; private set; }

    public uint ReceiveSequence { get; private set; }

    public void SetSendProtection(PacketProtection protection)
    {
        _send.Dispose();
        _send = protection;
    }

    public void SetReceiveProtection(PacketProtection protection)
    {
        _receive.Dispose();
        _receive = protection;
    }

    /// <summary>Strict kex (OpenSSH PROTOCOL §1.10): sequence numbers restart at zero after each NEWKEYS.</summary>
    public void ResetSendSequence() => SendSequence = 0;

    public void ResetReceiveSequence() => ReceiveSequence = 0;

    public async Task SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var block = _send.BlockSize;
        var counted = 1 + payload.Length + MinimumPadding + (_send.AlignmentIncludesLength ? 4 : 0);
        var padding = MinimumPadding + ((block - (counted % block)) % block);
        var length = 1 + payload.Length + padding;
        var wire = new byte[4 + length + _send.TagLength];
        var packet = wire.AsSpan(0, 4 + length);
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)length);
        packet[4] = (byte)padding;
        payload.Span.CopyTo(packet[5..]);
        RandomNumberGenerator.Fill(packet[(5 + payload.Length)..]);
        _send.Seal(SendSequence, packet, wire.AsSpan(4 + length));
        SendSequence++;
        await _stream.WriteAsync(wire, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    /// <summary>Receives one packet's payload; bounds, alignment and integrity are checked before anything is returned.</summary>
    public async Task<byte[]> ReceiveAsync(CancellationToken cancellationToken)
    {
        var first = _receive.FirstReadLength;
        await Input.EnsureAsync(first, cancellationToken);
        var length = _receive.ReadLength(ReceiveSequence, Input.AvailableSpan[..first]);
        if (length > (uint)_maxPacketLength)
        {
            throw new PacketTooLargeException(length, _maxPacketLength);
        }

        var aligned = _receive.AlignmentIncludesLength ? length + 4 : length;
        if (length < 5 || aligned % (uint)_receive.BlockSize != 0)
        {
            throw new SshProtocolException($"packet length {length} is not a multiple of the block size {_receive.BlockSize}");
        }

        var total = 4 + (int)length + _receive.TagLength;
        await Input.EnsureAsync(total, cancellationToken);
        var wire = Input.AvailableSpan[..total].ToArray();
        Input.Consume(total);
        var packet = wire.AsSpan(0, 4 + (int)length);
        if (!_receive.Open(ReceiveSequence, packet, wire.AsSpan(4 + (int)length)))
        {
            throw new SshProtocolException("message authentication code incorrect") { OpenSshError = "message authentication code incorrect" };
        }

        ReceiveSequence++;
        var padding = packet[4];
        if (padding < MinimumPadding || padding > length - 1)
        {
            throw new SshProtocolException($"invalid padding length {padding}");
        }

        return packet[5..(4 + (int)length - padding)].ToArray();
    }

    public void Dispose()
    {
        _send.Dispose();
        _receive.Dispose();
    }
}
