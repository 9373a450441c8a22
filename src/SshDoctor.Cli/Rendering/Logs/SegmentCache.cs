using System.Runtime.CompilerServices;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// The bytes a format wrote for a part of an event that depends only on one or two short texts and a few flags (the
/// host and process with their keys, the id and <c>attempt</c>, an address, a user), kept by the texts' content: almost
/// every line repeats the last lines' host, process, id and user, so the part is copied instead of checked, escaped and
/// written a field at a time. Direct-mapped by a hash of each text's length and two of its characters; a slot holds
/// the last part that fell in it, with a copy of its texts to compare. One per part and thread (the workers write the
/// head and tail, the in-order pass the connection).
/// </summary>
internal sealed class SegmentCache(Action<Utf8EventBuffer, string?, string?, int> write, int slotBits = 8)
{
    /// <summary>Parts longer than this are written every time (a field of a hostile log, not a repeated name).</summary>
    private const int SlotBytes = 128;

    /// <summary>Texts longer than this together are written every time.</summary>
    private const int SlotChars = 64;

    private readonly Key[] _keys = new Key[1 << slotBits];

    /// <summary>
    /// The texts of each slot, kept as characters beside the part: a lookup reads no string but the ones it is given
    /// (comparing with the strings kept read other threads' strings, long out of this core's cache), and the cache
    /// holds no references.
    /// </summary>
    private readonly char[] _texts = new char[(1 << slotBits) * SlotChars];
    private readonly byte[] _bytes = new byte[(1 << slotBits) * SlotBytes];
    private readonly LineBytes _scratch = new(4 * SlotBytes);

    private struct Key
    {
        /// <summary>The bytes kept; 0: the slot is empty (every part is at least one byte).</summary>
        public int Length;
        public int Flags;

        /// <summary>The texts' lengths, -1 for null.</summary>
        public short FirstLength;
        public short SecondLength;
    }

    /// <summary>Writes the part for <paramref name="first"/>, <paramref name="second"/> and <paramref name="flags"/> into <paramref name="into"/>.</summary>
    public void Write(Utf8EventBuffer into, string? first, string? second = null, int flags = 0)
    {
        var firstLength = first?.Length ?? -1;
        var secondLength = second?.Length ?? -1;
        var mixed = (Hash(first) + (3 * Hash(second)) + ((uint)flags * 0x27D4EB2Fu)) * 0x9E3779B1u;
        var slot = (int)(mixed >> (32 - slotBits));
        ref var key = ref _keys[slot];
        var texts = _texts.AsSpan(slot * SlotChars, SlotChars);
        if (key.Length > 0 && key.Flags == flags && key.FirstLength == firstLength && key.SecondLength == secondLength
            && (firstLength <= 0 || first.AsSpan().SequenceEqual(texts[..firstLength]))
            && (secondLength <= 0 || second.AsSpan().SequenceEqual(texts.Slice(Math.Max(firstLength, 0), secondLength))))
        {
            into.Literal(_bytes.AsSpan(slot * SlotBytes, key.Length));
            return;
        }

        _scratch.Clear();
        write(new Utf8EventBuffer(_scratch), first, second, flags);
        var part = _scratch.Written;
        if (part.Length is > 0 and <= SlotBytes && Math.Max(firstLength, 0) + Math.Max(secondLength, 0) <= SlotChars)
        {
            part.CopyTo(_bytes.AsSpan(slot * SlotBytes));
            first.AsSpan().CopyTo(texts);
            second.AsSpan().CopyTo(texts[Math.Max(firstLength, 0)..]);
            key = new Key { Length = part.Length, Flags = flags, FirstLength = (short)firstLength, SecondLength = (short)secondLength };
        }

        into.Literal(part);
    }

    /// <summary>The length and the last and middle characters: cheap, and apart for the texts a log repeats (names, addresses).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(string? text) => text is not { Length: > 0 }
        ? (text is null ? 0u : 1u)
        : ((uint)text.Length * 0x85EBCA6Bu) ^ (text[^1] * 0xC2B2AE35u) ^ (text[text.Length >> 1] * 0x165667B1u);
}
