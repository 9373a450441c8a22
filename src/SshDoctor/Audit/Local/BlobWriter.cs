using System.Buffers.Binary;

namespace SshDoctor.Audit.Local;

/// <summary>Writes RFC 4251 strings and mpints, to rebuild a public key blob from .NET key parameters.</summary>
internal sealed class BlobWriter
{
    private readonly List<byte> _bytes = [];

    public void String(ReadOnlySpan<byte> value)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)value.Length);
        _bytes.AddRange(length);
        _bytes.AddRange(value);
    }

    /// <summary>An unsigned big-endian integer as an mpint: leading zeros dropped, a zero byte added when the top bit is set.</summary>
    public void MpInt(ReadOnlySpan<byte> unsigned)
    {
        var i = 0;
        while (i < unsigned.Length && unsigned[i] == 0)
        {
            i++;
        }

        var value = unsigned[i..];
        if (value.Length > 0 && (value[0] & 0x80) != 0)
        {
            var padded = new byte[value.Length + 1];
            value.CopyTo(padded.AsSpan(1));
            String(padded);
        }
        else
        {
            String(value);
        }
    }

    public byte[] ToArray() => [.. _bytes];
}
