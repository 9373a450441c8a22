using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace SshDoctor.Ssh.Wire;

/// <summary>Builds SSH messages (RFC 4251 §5 data types) in a growable buffer.</summary>
internal sealed class SshWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public SshWriter(int initialCapacity = 256)
    {
        _buffer = new ArrayBufferWriter<byte>(initialCapacity);
    }

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public SshWriter WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public SshWriter WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public SshWriter WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public SshWriter WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    public SshWriter WriteRaw(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    public SshWriter WriteString(ReadOnlySpan<byte> bytes)
    {
        WriteUInt32((uint)bytes.Length);
        return WriteRaw(bytes);
    }

    public SshWriter WriteString(string text) => WriteString(Encoding.UTF8.GetBytes(text));

    public SshWriter WriteNameList(IEnumerable<string> names) => WriteString(string.Join(',', names));

    public SshWriter WriteMpint(BigInteger value) =>
        WriteString(value.IsZero ? [] : value.ToByteArray(isUnsigned: false, isBigEndian: true));

    /// <summary>Writes an unsigned big-endian magnitude (such as an X25519 or ECDH secret) as an mpint.</summary>
    public SshWriter WriteMpintFromUnsigned(ReadOnlySpan<byte> magnitude)
    {
        var start = 0;
        while (start < magnitude.Length && magnitude[start] == 0)
        {
            start++;
        }

        var trimmed = magnitude[start..];
        if (trimmed.IsEmpty)
        {
            return WriteUInt32(0);
        }

        var needsZero = trimmed[0] >= 0x80;
        WriteUInt32((uint)(trimmed.Length + (needsZero ? 1 : 0)));
        if (needsZero)
        {
            WriteByte(0);
        }

        return WriteRaw(trimmed);
    }
}
