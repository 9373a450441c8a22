using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace SshDoctor.Ssh.Wire;

/// <summary>
/// Reads RFC 4251 §5 data types from a span. Every length is checked against the bytes that remain
/// and against a caller's maximum, so a peer can never make us allocate what it merely claims to send.
/// </summary>
internal ref struct SshReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public SshReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Remaining => _data.Length - _position;

    public readonly int Position => _position;

    public readonly bool AtEnd => _position == _data.Length;

    public byte ReadByte()
    {
        Require(1, "byte");
        return _data[_position++];
    }

    public bool ReadBoolean() => ReadByte() != 0;

    public uint ReadUInt32()
    {
        Require(4, "uint32");
        var value = BinaryPrimitives.ReadUInt32BigEndian(_data[_position..]);
        _position += 4;
        return value;
    }

    public ulong ReadUInt64()
    {
        Require(8, "uint64");
        var value = BinaryPrimitives.ReadUInt64BigEndian(_data[_position..]);
        _position += 8;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0)
        {
            throw new SshWireException("negative length");
        }

        Require(count, "bytes");
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    /// <summary>Reads a length-prefixed string as raw bytes (a view into the input, no copy).</summary>
    public ReadOnlySpan<byte> ReadString(int maxLength = int.MaxValue)
    {
        var length = ReadUInt32();
        if (length > (uint)maxLength)
        {
            throw new SshWireException($"string of {length} bytes exceeds the maximum of {maxLength}");
        }

        if (length > (uint)Remaining)
        {
            throw new SshWireException($"string of {length} bytes but only {Remaining} remain");
        }

        return ReadBytes((int)length);
    }

    public byte[] ReadStringBytes(int maxLength = int.MaxValue) => ReadString(maxLength).ToArray();

    /// <summary>Reads a string as UTF-8 text; invalid sequences become U+FFFD rather than failing.</summary>
    public string ReadUtf8(int maxLength = int.MaxValue) => Encoding.UTF8.GetString(ReadString(maxLength));

    /// <summary>
    /// Reads a whole string of any length (the packet bounds it) but keeps only its first <paramref name="keptBytes"/>
    /// as text, saying how long it was: for free text a peer chooses (disconnect descriptions, comments).
    /// </summary>
    public string ReadUtf8Kept(int keptBytes = RemoteText.MaxKeptCharacters) => RemoteText.Decode(ReadString(), keptBytes);

    /// <summary>Reads an mpint and returns its two's-complement big-endian bytes as sent.</summary>
    public ReadOnlySpan<byte> ReadMpintBytes(int maxLength = 8192)
    {
        var bytes = ReadString(maxLength);
        // RFC 4251 §5: no unnecessary leading 0x00 or 0xFF bytes.
        if (bytes.Length > 1 && ((bytes[0] == 0 && bytes[1] < 0x80) || (bytes[0] == 0xFF && bytes[1] >= 0x80)))
        {
            throw new SshWireException("mpint has an unnecessary leading byte");
        }

        return bytes;
    }

    public BigInteger ReadMpint(int maxLength = 8192) =>
        new(ReadMpintBytes(maxLength), isUnsigned: false, isBigEndian: true);

    /// <summary>
    /// Reads a comma-separated name-list; empty names and non-printable bytes are rejected. Like OpenSSH, the number of
    /// names is bounded only by the packet (<see cref="ProbeLimits.MaxPacketLength"/>): a 50,000-name KEXINIT that fits
    /// is read, and what is shown of it is bounded by <see cref="RemoteText"/>.
    /// </summary>
    public string[] ReadNameList(int maxLength = int.MaxValue, int maxEntries = int.MaxValue)
    {
        var bytes = ReadString(maxLength);
        if (bytes.IsEmpty)
        {
            return [];
        }

        foreach (var b in bytes)
        {
            if (b <= 0x20 || b >= 0x7F)
            {
                throw new SshWireException("name-list contains a non-printable or non-ASCII byte");
            }
        }

        var names = Encoding.ASCII.GetString(bytes).Split(',');
        if (names.Length > maxEntries)
        {
            throw new SshWireException($"name-list has {names.Length} entries, more than {maxEntries}");
        }

        if (Array.Exists(names, n => n.Length == 0))
        {
            throw new SshWireException("name-list contains an empty name");
        }

        return names;
    }

    private readonly void Require(int count, string what)
    {
        if (count > Remaining)
        {
            throw new SshWireException($"truncated {what}: need {count} bytes, {Remaining} remain");
        }
    }
}
