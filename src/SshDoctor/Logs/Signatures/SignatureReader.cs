namespace SshDoctor.Logs.Signatures;

/// <summary>A generated reader's entry point: matches the message (printable or not, but ASCII) and fills the slots.</summary>
internal delegate bool ReadMessage(ReadOnlySpan<char> message, Span<int> slots);

/// <summary>
/// A signature's pattern compiled into C# (<c>SignatureReaders.g.cs</c>, written from the tables by a test): the same
/// answer as the pattern's regex for a message of ASCII characters, read on the span with no allocation. Each named
/// group has three slots: where it starts (-1: it did not match), its length, and a scratch slot for the reader.
/// </summary>
public sealed class SignatureReader
{
    /// <summary>
    /// Longer messages go to the regex (with its timeout): a reader backtracks as the regex does, so a hostile line
    /// may cost time quadratic in its length, and real messages are far shorter.
    /// </summary>
    public const int MaxLength = 2048;

    /// <summary>Slots enough for every reader of the tables (a test checks); callers stackalloc this many.</summary>
    public const int MaxSlots = 3 * 12;

    private readonly ReadMessage _read;
    private readonly string[] _groups;

    internal SignatureReader(ReadMessage read, string[] groups)
    {
        this._read = read;
        this._groups = groups;
    }

    /// <summary>The group names, in slot order.</summary>
    public IReadOnlyList<string> Groups => _groups;

    /// <summary>Whether a message is one the readers answer for (else the regex decides).</summary>
    public static bool Fits(ReadOnlySpan<char> message) => message.Length <= MaxLength && System.Text.Ascii.IsValid(message);

    /// <summary>The slot number (a multiple of 3) of a group, or -1 when the pattern has none of that name.</summary>
    public int SlotOf(string group)
    {
        for (var i = 0; i < _groups.Length; i++)
        {
            if (string.Equals(_groups[i], group, StringComparison.Ordinal))
            {
                return i * 3;
            }
        }

        return -1;
    }

    /// <summary>Whether the pattern matches <paramref name="message"/> (which <see cref="Fits"/>); the groups go to <paramref name="slots"/>.</summary>
    public bool TryRead(ReadOnlySpan<char> message, Span<int> slots) => _read(message, slots);

    /// <summary>The text of the group at <paramref name="slot"/> (see <see cref="SlotOf"/>), or false when it did not match.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] // Three to five a matched line: the call cost more than the test.
    public static bool TryGroup(ReadOnlySpan<int> slots, int slot, out Range range)
    {
        if (slot < 0 || slots[slot] < 0)
        {
            range = default;
            return false;
        }

        range = new Range(slots[slot], slots[slot] + slots[slot + 1]);
        return true;
    }

    /// <summary>The generated code's greedy run: where the run of characters in the class from <paramref name="p"/> (at most to <paramref name="end"/>) ends.</summary>
    internal static int Run(ReadOnlySpan<char> s, int p, int end, ulong low, ulong high)
    {
        var i = p;
        while (i < end && In(s[i], low, high))
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// The greedy run of a class that lacks only <paramref name="stop"/> (<c>.</c>: all but LF; <c>[^"]</c>): on ASCII it
    /// ends at the first <paramref name="stop"/>, found by a vectorized search (a message has no LF, so a <c>.+</c> runs to its end).
    /// </summary>
    internal static int RunUntil(ReadOnlySpan<char> s, int p, int end, char stop)
    {
        var length = s[p..end].IndexOf(stop);
        return length < 0 ? end : p + length;
    }

    /// <summary>
    /// The greedy run of an address's characters (<c>[\w.:%-]</c>, every signature's <c>ip</c> group) from
    /// <paramref name="p"/> to at most the message's end: a vectorized search for the first other character (a loop
    /// testing the class masks cost eight instructions a character).
    /// </summary>
    internal static int RunAddress(ReadOnlySpan<char> s, int p)
    {
        var length = s[p..].IndexOfAnyExcept(AddressChars.Values);
        return length < 0 ? s.Length : p + length;
    }

    /// <summary>The greedy run of <c>\d</c> from <paramref name="p"/> (at most to <paramref name="end"/>).</summary>
    internal static int RunDigits(ReadOnlySpan<char> s, int p, int end)
    {
        var i = p;
        while (i < end && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>The greedy run of <c>\S</c> from <paramref name="p"/> (at most to <paramref name="end"/>).</summary>
    internal static int RunNotSpace(ReadOnlySpan<char> s, int p, int end)
    {
        var i = p;
        while (i < end && NotSpace(s[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary><c>\S</c> on ASCII: neither a space nor \t, \n, \v, \f, \r.</summary>
    internal static bool NotSpace(char ch) => ch != ' ' && (uint)(ch - '\t') > '\r' - '\t';

    /// <summary>
    /// A greedy run's next place to back off to when what follows starts with <paramref name="first"/>: the last place
    /// from <paramref name="from"/> to <paramref name="at"/> (both included, within the message) holding it, or -1.
    /// </summary>
    internal static int LastAt(ReadOnlySpan<char> s, int from, int at, char first)
    {
        var to = Math.Min(at, s.Length - 1);

        // A run most often backs off a few characters (an address run to its port's ':'): a plain loop over the last
        // eight finds those before a vectorized search is set up (whose 16-bit mask is a call under SSE2).
        var near = Math.Max(from, to - (NearBackOff - 1));
        for (var i = to; i >= near; i--)
        {
            if (s[i] == first)
            {
                return i;
            }
        }

        if (near <= from)
        {
            return -1;
        }

        var found = s[from..near].LastIndexOf(first);
        return found < 0 ? -1 : from + found;
    }

    /// <summary>How many characters <see cref="LastAt"/> looks at one by one before its vectorized search.</summary>
    internal const int NearBackOff = 8;

    /// <summary>The generated code opens group <paramref name="slot"/> at p: its scratch slot says where; returns the value to give back (<see cref="Unopen"/>).</summary>
    internal static int Open(Span<int> c, int slot, int p)
    {
        var open = c[slot + 2];
        c[slot + 2] = p;
        return open;
    }

    /// <summary>Undoes <see cref="Open"/> when what followed failed; always false (the branch failed).</summary>
    internal static bool Unopen(Span<int> c, int slot, int open)
    {
        c[slot + 2] = open;
        return false;
    }

    /// <summary>The generated code closes group <paramref name="slot"/> at p (start and length from its scratch slot); returns the capture it replaced.</summary>
    internal static (int Start, int Length) Close(Span<int> c, int slot, int p)
    {
        var saved = (c[slot], c[slot + 1]);
        c[slot] = c[slot + 2];
        c[slot + 1] = p - c[slot + 2];
        return saved;
    }

    /// <summary>Gives back the capture <see cref="Close"/> replaced when what followed failed; always false.</summary>
    internal static bool Reopen(Span<int> c, int slot, (int Start, int Length) saved)
    {
        (c[slot], c[slot + 1]) = saved;
        return false;
    }

    /// <summary>The characters of <see cref="RunAddress"/> (their own class: the search set is made on first use only).</summary>
    private static class AddressChars
    {
        public static readonly System.Buffers.SearchValues<char> Values =
            System.Buffers.SearchValues.Create("%-.0123456789:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");
    }

    /// <summary>A class test of the generated code: bit <paramref name="ch"/> of the 128-bit mask (ASCII only).</summary>
    internal static bool In(char ch, ulong low, ulong high) =>
        ch < 64 ? ((low >> ch) & 1) != 0 : ch < 128 && ((high >> (ch - 64)) & 1) != 0;
}
