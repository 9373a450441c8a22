using System.Runtime.InteropServices;

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

    private readonly char[][] _texts = [.. Enumerable.Range(0, Slots).Select(_ => new char[MaxText])];
    private readonly int[] _lengths = new int[Slots];

    /// <summary>The last four characters of each text (the end of the process name and the bracket) as one number: most slots are passed by it alone.</summary>
    private readonly ulong[] _tails = new ulong[Slots];
    private readonly string?[] _hosts = new string?[Slots];
    private readonly string?[] _names = new string?[Slots];
    private readonly bool[] _ssh = new bool[Slots];
    private readonly bool[] _stamped = new bool[Slots];
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
        for (var slot = 0; slot < _used; slot++)
        {
            var length = _lengths[slot];
            if (rest.Length > length && Tail(rest, length) == _tails[slot] && _stamped[slot] == stamped
                && ShortPrefix.StartsWith(rest, _texts[slot].AsSpan(0, length))
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

    public string? Host(int slot) => _hosts[slot];

    /// <summary>The process name; null for a process that is not an SSH one (its line is dismissed).</summary>
    public string? Name(int slot) => _names[slot];

    public bool IsSsh(int slot) => _ssh[slot];

    /// <summary>
    /// Keeps what the general reading made of a line with a host and <c>NAME[PID]:</c>, after a stamp or not. The strings
    /// are needed for SSH processes only; the oldest slot is reused once all are taken.
    /// </summary>
    public void Remember(bool stamped, ReadOnlySpan<char> host, ReadOnlySpan<char> name, string? hostString, string? nameString, bool isSsh)
    {
        var length = host.Length + 1 + name.Length + 1;
        if (length > MaxText)
        {
            return;
        }

        var slot = _next;
        _next = (_next + 1) % Slots;
        _used = Math.Max(_used, slot + 1);
        var text = _texts[slot].AsSpan();
        host.CopyTo(text);
        text[host.Length] = ' ';
        name.CopyTo(text[(host.Length + 1)..]);
        text[length - 1] = '[';
        _lengths[slot] = length;
        _tails[slot] = Tail(text, length);
        _hosts[slot] = hostString;
        _names[slot] = nameString;
        _ssh[slot] = isSsh;
        _stamped[slot] = stamped;
        HasUnstamped = _stamped.AsSpan(0, _used).Contains(false);
    }

    /// <summary>The four characters before <paramref name="end"/> (at least four in), read as one number.</summary>
    private static ulong Tail(ReadOnlySpan<char> text, int end) =>
        MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(text.Slice(end - 4, 4)));

    /// <summary><c>DIGITS]: </c> with 1 to 9 digits; <paramref name="after"/> is the characters read.</summary>
    private static bool TryReadPid(ReadOnlySpan<char> text, out int pid, out int after)
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
}
