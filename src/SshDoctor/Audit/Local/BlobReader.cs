using System.Buffers.Binary;
using System.Text;

namespace SshDoctor.Audit.Local;

/// <summary>Reads RFC 4251 strings and integers from a key blob; every read is bounds-checked (null when short).</summary>
internal ref struct BlobReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _offset;

    public readonly bool AtEnd => _offset >= _data.Length;

    public bool TryUInt32(out uint value)
    {
        value = 0;
        if (_data.Length - _offset < 4)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(_data[_offset..]);
        _offset += 4;
        return true;
    }

    public bool TryUInt64(out ulong value)
    {
        value = 0;
        if (_data.Length - _offset < 8)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt64BigEndian(_data[_offset..]);
        _offset += 8;
        return true;
    }

    public bool TryBytes(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryUInt32(out var length) || length > (uint)(_data.Length - _offset))
        {
            return false;
        }

        value = _data.Slice(_offset, (int)length);
        _offset += (int)length;
        return true;
    }

    public bool TryString(out string value)
    {
        value = string.Empty;
        if (!TryBytes(out var bytes))
        {
            return false;
        }

        value = Encoding.UTF8.GetString(bytes);
        return true;
    }

    /// <summary>The number of significant bits of an mpint (leading zero bytes and bits ignored).</summary>
    public static int BitLength(ReadOnlySpan<byte> mpint)
    {
        var i = 0;
        while (i < mpint.Length && mpint[i] == 0)
        {
            i++;
        }

        if (i == mpint.Length)
        {
            return 0;
        }

        var bits = (mpint.Length - i - 1) * 8;
        for (var b = mpint[i]; b != 0; b >>= 1)
        {
            bits++;
        }

        return bits;
    }
}
