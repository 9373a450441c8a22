using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The <c>HOST NAME[</c> that follows the time stamp (or starts a line without one, as <c>journalctl -o short</c>
/// without times and fail2ban's journal tests write) on the last few distinct kinds of line (sshd, sshd-session, CRON,
/// systemd-logind on one host), with what reading them the general way gave: the host and process strings, and
/// whether the process is an SSH one. A line that starts that way, then has a pid of 1 to 9 digits and <c>]: </c>, is
/// read the same way again with one comparison instead of telling host from process and checking the name. A text
/// learnt after a stamp is only compared after a stamp, and one learnt at a line's start only there: the general
/// reading may split the same text differently in the two places (with a stamp, <c>fail2ban.NAME </c> is a process).
/// </summary>
/// <remarks>
/// A host token holds no space or bracket and a process name no space, bracket or colon, so the text can only split
/// into host and process where it did before. Texts are kept in reused buffers: a log of many hosts that keeps
/// replacing them makes no garbage.
/// </remarks>
internal sealed class KnownPrefixes
{
    private const int Slots = 4;
    private const int MaxText = 96;

    /// <summary>The slots, each one value in one array: a line's search reads them in a row, with one bounds check a slot.</summary>
    private readonly Slot[] _slots = [.. Enumerable.Range(0, Slots).Select(_ => new Slot { Text = new char[MaxText] })];
    private int _used;
    private int _next;

    /// <summary>
    /// The slot whose text starts <paramref name="rest"/> (a line after its stamp and space, or a whole line without a
    /// stamp: <paramref name="stamped"/> says which), with the pid and message after it; -1 if none.
    /// </summary>
    public int Match(ReadOnlySpan<char> rest, bool stamped, out int pid, out ReadOnlySpan<char> message)
    {
        pid = 0;
        message = default;
        var slots = _slots.AsSpan(0, _used);
        ref var start = ref MemoryMarshal.GetReference(rest);
        for (var slot = 0; slot < slots.Length; slot++)
        {
            // Read with no bounds checks: a slot's text is 4 to MaxText characters long (Remember), in a MaxText buffer.
            ref var known = ref slots[slot];
            var length = known.Length;
            if (rest.Length > length
                && Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref start, length - 4))) == known.Tail
                && known.Stamped == stamped
                && ShortPrefix.StartsWith(rest, MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(known.Text), length))
                && TryReadPid(rest[length..], out pid, out var after))
            {
                message = rest[(length + after)..];
                return slot;
            }
        }

        return -1;
    }

    /// <summary>Whether a slot holds a text learnt at the start of a line without a stamp (else none is looked for there).</summary>
    public bool HasUnstamped { get; private set; }

    public string? Host(int slot) => _slots[slot].Host;

    /// <summary>The process name; null for a process that is not an SSH one (its line is dismissed).</summary>
    public string? Name(int slot) => _slots[slot].Name;

    public bool IsSsh(int slot) => _slots[slot].Ssh;

    /// <summary>
    /// Keeps what the general reading made of a line with a host and <c>NAME[PID]:</c>, after a stamp or not. The strings
    /// are needed for SSH processes only; the oldest slot is reused once all are taken.
    /// </summary>
    public void Remember(bool stamped, ReadOnlySpan<char> host, ReadOnlySpan<char> name, string? hostString, string? nameString, bool isSsh)
    {
        var length = host.Length + 1 + name.Length + 1;
        if (length > MaxText || host.IsEmpty || name.IsEmpty)
        {
            return;
        }

        var slot = _next;
        _next = (_next + 1) % Slots;
        _used = Math.Max(_used, slot + 1);
        ref var known = ref _slots[slot];
        var text = known.Text.AsSpan();
        host.CopyTo(text);
        text[host.Length] = ' ';
        name.CopyTo(text[(host.Length + 1)..]);
        text[length - 1] = '[';
        known.Length = length;
        known.Tail = Tail(text, length);
        known.Host = hostString;
        known.Name = nameString;
        known.Ssh = isSsh;
        known.Stamped = stamped;
        HasUnstamped = false;
        foreach (ref var used in _slots.AsSpan(0, _used))
        {
            HasUnstamped |= !used.Stamped;
        }
    }

    /// <summary>The four characters before <paramref name="end"/> (at least four in), read as one number.</summary>
    private static ulong Tail(ReadOnlySpan<char> text, int end) =>
        MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(text.Slice(end - 4, 4)));

    /// <summary><c>DIGITS]: </c> with 1 to 9 digits; <paramref name="after"/> is the characters read.</summary>
    internal static bool TryReadPid(ReadOnlySpan<char> text, out int pid, out int after)
    {
        if (Vector128.IsHardwareAccelerated && text.Length >= Vector128<ushort>.Count)
        {
            // The digits' count from one vector of the first eight characters (a loop's test and branch a digit were
            // most of reading a pid); eight digits or more are left to the loop.
            ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            var digits = Vector128.LoadUnsafe(ref start) - Vector128.Create((ushort)'0');
            // Two bits a character: the mask of a vector of bytes is one instruction, of 16-bit lanes a call (SSE2).
            var others = Vector128.GreaterThan(digits, Vector128.Create((ushort)9)).AsByte().ExtractMostSignificantBits();
            var count = BitOperations.TrailingZeroCount(others | (1u << Vector128<byte>.Count)) / 2;
            if (count < Vector128<ushort>.Count)
            {
                var value = 0;
                for (var k = 0; k < count; k++)
                {
                    value = (value * 10) + Unsafe.Add(ref start, k) - '0';
                }

                pid = value;
                after = count + 3;
                return count > 0 && text.Length >= after && text[count] == ']' && text[count + 1] == ':' && text[count + 2] == ' ';
            }
        }

        return TryReadPidByCharacter(text, out pid, out after);
    }

    /// <summary><see cref="TryReadPid"/> a character at a time: short texts, eight digits or more.</summary>
    internal static bool TryReadPidByCharacter(ReadOnlySpan<char> text, out int pid, out int after)
    {
        var value = 0;
        var i = 0;
        while (i < text.Length && i < 10)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                break;
            }

            value = (value * 10) + digit;
            i++;
        }

        pid = value;
        after = i + 3;
        return i is > 0 and <= 9 && text.Length >= after && text[i] == ']' && text[i + 1] == ':' && text[i + 2] == ' ';
    }

    /// <summary>A learnt <c>HOST NAME[</c>: its text in a reused buffer, and what reading it the general way gave.</summary>
    private struct Slot
    {
        public char[] Text;
        public int Length;

        /// <summary>The last four characters of the text (the end of the process name and the bracket) as one number: most slots are passed by it alone.</summary>
        public ulong Tail;
        public string? Host;
        public string? Name;
        public bool Ssh;
        public bool Stamped;
    }
}
