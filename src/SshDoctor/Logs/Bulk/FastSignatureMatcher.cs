using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using SshDoctor.Logs.Signatures;

namespace SshDoctor.Logs.Bulk;

/// <summary>What <see cref="FastSignatureMatcher.Read"/> made of a message.</summary>
public enum SpanReading
{
    /// <summary>No signature matches.</summary>
    None,

    /// <summary>A signature matched; the <see cref="SpanMatch"/> says which and where its groups are.</summary>
    Matched,

    /// <summary>The message is not one the generated readers answer for (not ASCII, or very long): ask <see cref="FastSignatureMatcher.Match(string)"/>.</summary>
    NeedsText,
}

/// <summary>A signature's match on a span: the table's signature, its diagnosis, and where the address, user and port are.</summary>
public readonly record struct SpanMatch(MessageSignature Signature, string? DiagnosisId, Range Ip, Range User, int Port, bool HasIp, bool HasUser);

/// <summary>
/// The shared signature table (<see cref="SignatureTable"/>), arranged for millions of lines, and the one matcher both
/// <c>explain</c> and <c>logs</c> run. A signature whose pattern starts with a literal (<c>^Failed none for</c>) is a
/// candidate only for messages starting with it (bucketed by first character); the others (floating) only when their
/// anchor is in the message, all floating anchors found in one pass (<see cref="AnchorSet.Mark"/>); a message that holds
/// none (most) sees only the literal-start candidates of its first character. Candidates run in table order through
/// each signature's generated reader (<see cref="SignatureReader"/>: on the span, no allocation) or, for a message
/// outside ASCII, its compiled regex, so the result is exactly <see cref="SignatureTable.Match"/>'s (first match in
/// table order); the tests check this on every sample, corpus line and generated variant.
/// </summary>
public sealed class FastSignatureMatcher
{
    private const int Buckets = 128;

    private readonly Entry[] _entries;

    /// <summary>
    /// Per first character: the signatures that can match a message starting with it, in table order — those whose
    /// literal start or first characters (<see cref="PatternPrefix.FirstChars"/>) hold it, and every floating one,
    /// written as <c>~index</c> (for <see cref="Candidates"/>, the path of messages outside ASCII).
    /// </summary>
    private readonly int[][] _byFirstChar;

    /// <summary>Per first character: the same without the floating signatures.</summary>
    private readonly int[][] _startingByFirstChar;

    /// <summary>The floating signatures, in table order (for a message starting outside ASCII).</summary>
    private readonly int[] _floatingOnly;

    /// <summary>The first floating signature's place in the table (past the end when none): starting ones before it need no anchor pass.</summary>
    private readonly int _firstFloating;

    /// <summary>
    /// The floating signatures' anchors of at least <see cref="AnchorSet.FullStrideLength"/> characters, found in one
    /// pass (shorter ones would make every window of every message hashed: they are searched on their own).
    /// </summary>
    private readonly AnchorSet _floatingAnchors;
    private readonly int _anchorWords;

    /// <summary>Per anchor of <see cref="_floatingAnchors"/> (by its number): the floating signatures with it, in table order.</summary>
    private readonly int[][] _floatingByAnchor;

    /// <summary>The floating signatures whose anchor is too short for the pass, in table order: each searches its own.</summary>
    private readonly int[] _floatingShort;

    /// <summary>Whether some floating anchor is shorter than the pass takes (then found by its own search, and never "none found").</summary>
    private readonly bool _shortFloatingAnchors;

    public FastSignatureMatcher(IReadOnlyList<MessageSignature> signatures)
    {
        var prefixes = signatures.Select(s => PatternPrefix.Of(s.Pattern)).ToArray();
        var firsts = signatures.Select((s, i) => prefixes[i].Length > 0 ? prefixes[i][..1] : PatternPrefix.FirstChars(s.Pattern)).ToArray();
        var longAnchors = signatures.Where((s, i) => firsts[i] is null && s.Anchor.Length >= AnchorSet.FullStrideLength).Select(s => s.Anchor).Distinct(StringComparer.Ordinal).ToList();
        _shortFloatingAnchors = signatures.Where((s, i) => firsts[i] is null && s.Anchor.Length < AnchorSet.FullStrideLength).Any();
        _floatingAnchors = new AnchorSet(longAnchors);
        _anchorWords = Math.Max(1, (_floatingAnchors.Strings.Count + 63) / 64);
        var numbers = _floatingAnchors.Strings.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        _entries = [.. signatures.Select((s, i) => new Entry(s, prefixes[i], firsts[i] is null, firsts[i] is null && numbers.TryGetValue(s.Anchor, out var n) ? n : -1))];
        _floatingOnly = [.. Enumerable.Range(0, _entries.Length).Where(i => _entries[i].Floating)];
        _firstFloating = _floatingOnly.Length > 0 ? _floatingOnly[0] : _entries.Length;
        _floatingByAnchor = [.. Enumerable.Range(0, _floatingAnchors.Strings.Count).Select(n => _floatingOnly.Where(i => _entries[i].AnchorNumber == n).ToArray())];
        _floatingShort = [.. _floatingOnly.Where(i => _entries[i].AnchorNumber < 0)];
        _byFirstChar = new int[Buckets][];
        _startingByFirstChar = new int[Buckets][];
        for (var c = 0; c < Buckets; c++)
        {
            var starting = Enumerable.Range(0, _entries.Length).Where(i => firsts[i]?.Contains((char)c, StringComparison.Ordinal) == true).ToArray();
            _startingByFirstChar[c] = starting;
            _byFirstChar[c] = [.. Enumerable.Range(0, _entries.Length).Where(i => _entries[i].Floating || starting.Contains(i)).Select(i => _entries[i].Floating ? ~i : i)];
        }
    }

    /// <summary>The server half of the shared table.</summary>
    public static FastSignatureMatcher Server { get; } = new(SignatureTable.Server);

    /// <summary>The client half (ssh and the other clients).</summary>
    public static FastSignatureMatcher Client { get; } = new(SignatureTable.Client);

    /// <summary>How many words <see cref="MayMatch(ReadOnlySpan{char}, Span{ulong})"/> needs for the anchors it finds.</summary>
    public int AnchorWords => _anchorWords;

    /// <summary>Quick test: could any signature match? False means no pattern would.</summary>
    public bool MayMatch(ReadOnlySpan<char> message)
    {
        Span<ulong> found = stackalloc ulong[_anchorWords];
        return MayMatch(message, found);
    }

    /// <summary>As <see cref="MayMatch(ReadOnlySpan{char})"/>, leaving the floating anchors found in <paramref name="found"/>.</summary>
    public bool MayMatch(ReadOnlySpan<char> message, Span<ulong> found)
    {
        found.Clear();
        if (message.IsEmpty)
        {
            return false;
        }

        _floatingAnchors.Mark(message, found);
        foreach (var candidate in Candidates(message, found))
        {
            var i = candidate < 0 ? ~candidate : candidate;
            if (_entries[i].Fits(message, found))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first signature (in table order) matching the message, read on the span: its groups are ranges of
    /// <paramref name="message"/>. <paramref name="found"/> is scratch for the floating anchors (<see cref="AnchorWords"/> long).
    /// </summary>
    public SpanReading Read(ReadOnlySpan<char> message, Span<ulong> found, out SpanMatch match)
    {
        match = default;

        // Checked here, always: a printable line may still decode to other characters (a journal JSON escape).
        if (!SignatureReader.Fits(message))
        {
            return SpanReading.NeedsText;
        }

        if (message.IsEmpty)
        {
            return SpanReading.None;
        }

        // The starting candidates before the first floating signature need no anchor pass: a message that one of them
        // reads (most failures, accepted logins) never pays for it.
        var first = message[0];
        var starting = first < Buckets ? _startingByFirstChar[first] : [];
        Span<int> slots = stackalloc int[SignatureReader.MaxSlots];
        var next = 0;
        for (; next < starting.Length && starting[next] < _firstFloating; next++)
        {
            if (TryEntry(starting[next], message, found, slots, ref match) is { } early)
            {
                return early;
            }
        }

        // Then one pass finds the floating anchors there are, and only their signatures (and those whose anchor is too
        // short for the pass) join the rest of the starting ones, in table order: a floating signature the message
        // holds no anchor of costs nothing, however many the table has.
        found.Clear();
        _floatingAnchors.Mark(message, found);
        Span<int> floating = stackalloc int[_floatingOnly.Length];
        var count = FloatingCandidates(found, floating);
        var f = 0;
        while (next < starting.Length || f < count)
        {
            var i = f < count && (next >= starting.Length || floating[f] < starting[next]) ? floating[f++] : starting[next++];
            if (TryEntry(i, message, found, slots, ref match) is { } reading)
            {
                return reading;
            }
        }

        return SpanReading.None;
    }

    /// <summary>The floating signatures worth trying after the anchor pass marked <paramref name="found"/>, in table order, into <paramref name="into"/>; how many.</summary>
    private int FloatingCandidates(ReadOnlySpan<ulong> found, Span<int> into)
    {
        var count = 0;
        foreach (var i in _floatingShort)
        {
            into[count++] = i;
        }

        for (var word = 0; word < found.Length; word++)
        {
            for (var bits = found[word]; bits != 0; bits &= bits - 1)
            {
                foreach (var i in _floatingByAnchor[(word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits)])
                {
                    // Insertion in table order: a message holds few floating anchors.
                    var at = count++;
                    for (; at > 0 && into[at - 1] > i; at--)
                    {
                        into[at] = into[at - 1];
                    }

                    into[at] = i;
                }
            }
        }

        return count;
    }

    /// <summary>Tries one candidate: a reading when it decides (matched, or needs the text), null to go on.</summary>
    private SpanReading? TryEntry(int i, ReadOnlySpan<char> message, ReadOnlySpan<ulong> found, Span<int> slots, ref SpanMatch match)
    {
        var entry = _entries[i];
        if (!entry.Fits(message, found))
        {
            return null;
        }

        if (entry.Reader is not { } reader)
        {
            return SpanReading.NeedsText;
        }

        if (reader.TryRead(message, slots))
        {
            match = entry.SpanMatchOf(message, slots);
            return SpanReading.Matched;
        }

        return null;
    }

    /// <summary>First signature (in table order) whose pattern fits the message.</summary>
    public SignatureMatch? Match(string message)
    {
        Span<ulong> found = stackalloc ulong[_anchorWords];
        return MayMatch(message, found) ? Match(message, found) : null;
    }

    /// <summary>As <see cref="Match(string)"/>, with the floating anchors <see cref="MayMatch(ReadOnlySpan{char}, Span{ulong})"/> found in the same message.</summary>
    public SignatureMatch? Match(string message, ReadOnlySpan<ulong> found)
    {
        if (message.Length == 0)
        {
            return null;
        }

        var readable = SignatureReader.Fits(message);
        Span<int> slots = stackalloc int[SignatureReader.MaxSlots];
        foreach (var candidate in Candidates(message, found))
        {
            var i = candidate < 0 ? ~candidate : candidate;
            var entry = _entries[i];
            if (!entry.Fits(message, found))
            {
                continue;
            }

            if (readable && entry.Reader is { } reader)
            {
                if (reader.TryRead(message, slots))
                {
                    return new SignatureMatch(entry.Signature, message, reader, slots);
                }

                continue;
            }

            Match m;
            try
            {
                m = entry.Signature.Regex.Match(message);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            if (m.Success)
            {
                return new SignatureMatch(entry.Signature, message, m);
            }
        }

        return null;
    }

    /// <summary>
    /// The signatures worth trying, in table order: floating ones only when some floating anchor is in the message
    /// (<paramref name="found"/> marked). Floating ones are written <c>~index</c>: the caller takes <c>i &lt; 0 ? ~i : i</c>.
    /// </summary>
    private int[] Candidates(ReadOnlySpan<char> message, ReadOnlySpan<ulong> found)
    {
        var first = message[0];
        if (first >= Buckets)
        {
            return _floatingOnly;
        }

        return _shortFloatingAnchors || found.ContainsAnyExcept(0UL) ? _byFirstChar[first] : _startingByFirstChar[first];
    }

    /// <param name="floating">Whether a message of any first character may match (no literal start, no known first characters).</param>
    private sealed class Entry(MessageSignature signature, string prefix, bool floating, int anchorNumber)
    {
        /// <summary>The anchor's number in the one pass, or -1 (not floating, or too short for the pass).</summary>
        public int AnchorNumber { get; } = anchorNumber;

        /// <summary>Whether the anchor needs its own test: a literal start that already holds it makes the test redundant.</summary>
        private readonly bool _anchorOutsidePrefix = !prefix.Contains(signature.Anchor, StringComparison.Ordinal);

        private readonly int _ipSlot = signature.Reader?.SlotOf("ip") ?? -1;
        private readonly int _userSlot = signature.Reader?.SlotOf("user") ?? -1;
        private readonly int _portSlot = signature.Reader?.SlotOf("port") ?? -1;

        /// <summary>The group that decides the diagnosis (see <see cref="FailureId"/>), or -1.</summary>
        private readonly int _decidingSlot = FailureId.DecidingGroup(signature) is { } group ? signature.Reader?.SlotOf(group.Group) ?? -1 : -1;

        public MessageSignature Signature { get; } = signature;

        public SignatureReader? Reader { get; } = signature.Reader;

        public string Prefix { get; } = prefix;

        /// <summary>
        /// The pattern can match a message starting with any character: its anchor is looked for in the one pass of
        /// <see cref="AnchorSet.Mark"/> (when long enough), the others' by their own search, only once their first characters fit.
        /// </summary>
        public bool Floating { get; } = floating;

        /// <summary>The first four characters of the literal start (fewer: the rest zero) as one number, and the mask of those there are.</summary>
        private readonly (ulong Value, ulong Mask) _head = Head(prefix);

        /// <summary>The literal start, and the anchor (from the one pass when it was in it) are in the message.</summary>
        public bool Fits(ReadOnlySpan<char> message, ReadOnlySpan<ulong> found)
        {
            if (Prefix.Length > 0)
            {
                // One comparison of the first four characters rules most literal starts out before the full one.
                return (message.Length < 4 || (MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(message[..4])) & _head.Mask) == _head.Value)
                    && message.StartsWith(Prefix, StringComparison.Ordinal)
                    && (!_anchorOutsidePrefix || message.Contains(Signature.Anchor, StringComparison.Ordinal));
            }

            return AnchorNumber >= 0
                ? (found[AnchorNumber >> 6] & (1UL << AnchorNumber)) != 0
                : message.Contains(Signature.Anchor, StringComparison.Ordinal);
        }

        private static (ulong Value, ulong Mask) Head(string prefix)
        {
            Span<char> four = stackalloc char[4];
            four.Clear();
            var length = Math.Min(4, prefix.Length);
            prefix.AsSpan(0, length).CopyTo(four);
            return (MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(four)), length == 4 ? ulong.MaxValue : (1UL << (16 * length)) - 1);
        }

        public SpanMatch SpanMatchOf(ReadOnlySpan<char> message, ReadOnlySpan<int> slots)
        {
            var hasIp = SignatureReader.TryGroup(slots, _ipSlot, out var ip);
            var hasUser = SignatureReader.TryGroup(slots, _userSlot, out var user);
            var port = SignatureReader.TryGroup(slots, _portSlot, out var portRange)
                && int.TryParse(message[portRange], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : -1;
            var id = _decidingSlot >= 0
                ? (SignatureReader.TryGroup(slots, _decidingSlot, out var deciding) ? FailureId.Algorithm(message[deciding]) : null)
                : Signature.DiagnosisId;
            return new SpanMatch(Signature, id, ip, user, port, hasIp, hasUser);
        }
    }
}
