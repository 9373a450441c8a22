using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// An address of up to 16 digits, dots and colons (every IPv4 address) as one long, four bits a character, no string:
/// how a line carries an address the interner made no string for (an attack storm names each of hundreds of thousands
/// of addresses about once, and a string each was a sixth of the storm's CPU, most of it the collector's). Eight bytes,
/// so that a line holds it where a per-line output keeps its message's place (<see cref="SshLine.IpKey"/>).
/// </summary>
public static class AddressKey
{
    public const int MaxLength = 16;

    /// <summary>The key of <paramref name="text"/>; false (and 0) for a text with any other character, empty, or longer than 16.</summary>
    /// <remarks>
    /// Each character's four bits, from the lowest: 1 to 10 for the digits, 11 for a dot, 12 for a colon; 0 ends the
    /// text. Found for all sixteen at once (on a processor without vectors the same operations run one by one).
    /// </remarks>
    [SkipLocalsInit]
    public static bool TryMake(ReadOnlySpan<char> text, out ulong key)
    {
        key = 0;
        var length = text.Length;
        if ((uint)(length - 1) >= MaxLength)
        {
            return false;
        }

        // The characters into 16 zeroed ones, then as 16 bytes (a character past 0xFF saturates to 0xFF: no digit).
        Span<char> padded = stackalloc char[MaxLength];
        padded.Clear();
        text.CopyTo(padded);
        ref var first = ref Unsafe.As<char, short>(ref MemoryMarshal.GetReference(padded));
        var bytes = Vector128.Narrow(
            Vector128.Min(Vector128.LoadUnsafe(ref first).AsUInt16(), Vector128.Create((ushort)0xFF)),
            Vector128.Min(Vector128.LoadUnsafe(ref first, 8).AsUInt16(), Vector128.Create((ushort)0xFF)));

        // Each character's four bits (see the remarks); 0 for any other character and for the padding.
        var digit = bytes - Vector128.Create((byte)'0');
        var nibbles = (Vector128.LessThanOrEqual(digit, Vector128.Create((byte)9)) & (digit + Vector128<byte>.One))
            | (Vector128.Equals(bytes, Vector128.Create((byte)'.')) & Vector128.Create((byte)11))
            | (Vector128.Equals(bytes, Vector128.Create((byte)':')) & Vector128.Create((byte)12));

        // Every character of the text has its four bits, and only those: the rest of the 16 are the padding.
        var zeros = Vector128.Equals(nibbles, Vector128<byte>.Zero).ExtractMostSignificantBits();
        if (zeros != (0xFFFFu << length & 0xFFFFu))
        {
            return false;
        }

        // Two characters a byte, the first in the low four bits.
        var pairs = nibbles.AsUInt16();
        var packed = (pairs & Vector128.Create((ushort)0x0F)) | ((pairs >> 4) & Vector128.Create((ushort)0xF0));
        key = Vector128.Narrow(packed, packed).AsUInt64().ToScalar();
        return true;
    }

    /// <summary>The text of <paramref name="key"/> (not 0), written to <paramref name="chars"/> (at least <see cref="MaxLength"/> long).</summary>
    public static ReadOnlySpan<char> Write(ulong key, Span<char> chars)
    {
        var length = (64 - BitOperations.LeadingZeroCount(key) + 3) >> 2;

        // Each byte's two characters into two bytes, then each four bits into its character.
        var pairs = Vector128.WidenLower(Vector128.CreateScalar(key).AsByte());
        var nibbles = ((pairs & Vector128.Create((ushort)0x0F)) | ((pairs << 4) & Vector128.Create((ushort)0x0F00))).AsByte();
        var characters = (Vector128.LessThanOrEqual(nibbles, Vector128.Create((byte)10)) & (nibbles + Vector128.Create((byte)('0' - 1))))
            | (Vector128.Equals(nibbles, Vector128.Create((byte)11)) & Vector128.Create((byte)'.'))
            | (Vector128.Equals(nibbles, Vector128.Create((byte)12)) & Vector128.Create((byte)':'));
        ref var to = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(chars[..MaxLength]));
        Vector128.WidenLower(characters).StoreUnsafe(ref to);
        Vector128.WidenUpper(characters).StoreUnsafe(ref to, 8);
        return chars[..length];
    }

    public static string ToString(ulong key)
    {
        Span<char> chars = stackalloc char[MaxLength];
        return Write(key, chars).ToString();
    }
}
