namespace SshDoctor.Ssh.Crypto;

/// <summary>
/// One direction's encryption and integrity for the binary packet protocol (RFC 4253 §6).
/// A packet is <c>uint32 packet_length || byte padding_length || payload || padding</c>, followed by <see cref="TagLength"/> bytes.
/// </summary>
internal abstract class PacketProtection : IDisposable
{
    /// <summary>The alignment the padded packet must reach.</summary>
    public abstract int BlockSize { get; }

    /// <summary>True when the 4-byte length field counts towards <see cref="BlockSize"/> alignment (not for EtM and AEAD).</summary>
    public abstract bool AlignmentIncludesLength { get; }

    /// <summary>MAC or AEAD tag bytes after each packet.</summary>
    public abstract int TagLength { get; }

    /// <summary>How many bytes must be read before the packet length is known.</summary>
    public abstract int FirstReadLength { get; }

    /// <summary>Encrypts and authenticates a plain packet in place and writes its tag.</summary>
    public abstract void Seal(uint sequence, Span<byte> packet, Span<byte> tag);

    /// <summary>Recovers the packet length from the first <see cref="FirstReadLength"/> bytes (may decrypt them in place).</summary>
    public abstract uint ReadLength(uint sequence, Span<byte> firstBytes);

    /// <summary>Verifies and decrypts the rest of the packet in place; false when integrity fails.</summary>
    public abstract bool Open(uint sequence, Span<byte> packet, ReadOnlySpan<byte> tag);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
