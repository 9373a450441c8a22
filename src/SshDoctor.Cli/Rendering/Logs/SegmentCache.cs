using SshDoctor.Logs.Bulk;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// The bytes a format wrote for a part of an event that depends only on one or two short texts and a few flags (the
/// host and process with their keys, the id and <c>attempt</c>, an address, a user), kept by the texts' content: almost
/// every line repeats the last lines' host, process, id and user, so the part is copied instead of checked, escaped and
/// written a field at a time. Direct-mapped by a hash of each text's length and two of its characters; a slot holds
/// the last part that fell in it. One per part and thread (the workers write the head and tail, the in-order pass the
/// connection).
/// </summary>
internal sealed class SegmentCache(Action<Utf8EventBuffer, string?, string?, int> write)
{
    private const int SlotBits = 8;
    private const int Slots = 1 << SlotBits;

    /// <summary>Parts longer than this are written every time (a field of a hostile log, not a repeated name).</summary>
    private const int SlotBytes = 128;

    private readonly Key[] _keys = new Key[Slots];
    private readonly byte[] _bytes = new byte[Slots * SlotBytes];
    private readonly LineBytes _scratch = new(4 * SlotBytes);

    private struct Key
    {
        public string? First;
        public string? Second;
        public int Flags;

        /// <summary>The bytes kept; 0: the slot is empty (every part is at least one byte).</summary>
        public int Length;
    }

    /// <summary>Writes the part for <paramref name="first"/>, <paramref name="second"/> and <paramref name="flags"/> into <paramref name="into"/>.</summary>
    public void Write(Utf8EventBuffer into, string? first, string? second = null, int flags = 0)
    {
        var slot = Slot(first, second, flags);
        ref var key = ref _keys[slot];
        if (key.Length > 0 && key.Flags == flags && string.Equals(key.First, first) && string.Equals(key.Second, second))
        {
            into.Literal(_bytes.AsSpan(slot * SlotBytes, key.Length));
            return;
        }

        _scratch.Clear();
        write(new Utf8EventBuffer(_scratch), first, second, flags);
        var part = _scratch.Written;
        if (part.Length is > 0 and <= SlotBytes)
        {
            part.CopyTo(_bytes.AsSpan(slot * SlotBytes));
            key = new Key { First = first, Second = second, Flags = flags, Length = part.Length };
        }

        into.Literal(part);
    }

    private static int Slot(string? first, string? second, int flags)
    {
        var mixed = (Hash(first) + (3 * Hash(second)) + ((uint)flags * 0x27D4EB2Fu)) * 0x9E3779B1u;
        return (int)(mixed >> (32 - SlotBits));
    }

    /// <summary>The length and the last and middle characters: cheap, and apart for the texts a log repeats (names, addresses).</summary>
    private static uint Hash(string? text) => text is not { Length: > 0 }
        ? (text is null ? 0u : 1u)
        : ((uint)text.Length * 0x85EBCA6Bu) ^ (text[^1] * 0xC2B2AE35u) ^ (text[text.Length >> 1] * 0x165667B1u);
}
