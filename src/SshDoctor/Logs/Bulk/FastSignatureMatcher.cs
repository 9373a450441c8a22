using System.Text.RegularExpressions;
using SshDoctor.Logs.Signatures;
using static SshDoctor.Logs.Signatures.EventNames;

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
public readonly record struct SpanMatch(MessageSignature Signature, string? DiagnosisId, Range Ip, Range User, int Port, bool HasIp, bool HasUser, bool InvalidUser);

/// <summary>
/// The shared signature table (<see cref="SignatureTable"/>), arranged for millions of lines, and the one matcher both
/// <c>explain</c> and <c>logs</c> run. A signature whose pattern starts with a literal (<c>^Failed none for</c>) is a
/// candidate only for messages starting with it (found by one walk of <see cref="CandidateTrie"/>, which compares each
/// character once); the others (floating) only when their anchor is in the message, all long floating anchors found in
/// one pass (<see cref="AnchorSet.Mark"/>), made only when the first of them is reached; a message that holds none (most)
/// is then read by the literal-start candidates only. Candidates run in table order through
/// each signature's generated reader (<see cref="SignatureReader"/>: on the span, no allocation) or, for a message
/// outside ASCII, its compiled regex, so the result is exactly <see cref="SignatureTable.Match"/>'s (first match in
/// table order); the tests check this on every sample, corpus line and generated variant.
/// </summary>
public sealed class FastSignatureMatcher
{
    private readonly Entry[] _entries;

    /// <summary>The candidates of a message, by its first characters (see <see cref="CandidateTrie"/>).</summary>
    private readonly CandidateTrie _trie;

    /// <summary>The floating signatures, in table order (for a message starting outside ASCII).</summary>
    private readonly int[] _floatingOnly;

    /// <summary>
    /// The long anchors that need looking for (all but those inside a literal start), found in one pass: the floating
    /// signatures' (marked: visited only when found) and the others'. Shorter ones (<c>avc:</c>, <c>PAM: </c>,
    /// <c> Ban </c>) are looked for by their own search, only when their signature is reached.
    /// </summary>
    private readonly AnchorSet _anchors;
    private readonly int _anchorWords;

    /// <summary>For each anchor of <see cref="_anchors"/>, the floating signatures (table indices, in order) it marks.</summary>
    private readonly int[][] _entriesOfAnchor;

    /// <summary>How many signatures are marked (the most candidates one anchor pass can find).</summary>
    private readonly int _markedEntries;

    /// <param name="signatures">A side of the table.</param>
    /// <param name="layout">Its dispatch, worked out ahead of time from the same signatures (<c>MatcherLayouts.g.cs</c>).</param>
    private FastSignatureMatcher(IReadOnlyList<MessageSignature> signatures, MatcherLayout layout)
    {
        var dispatch = layout.Signatures;
        if (dispatch.Length != signatures.Count)
        {
            throw new InvalidOperationException("MatcherLayouts.g.cs is out of date: run the tests with SSH_DOCTOR_UPDATE_GENERATED=1");
        }

        _anchors = new AnchorSet(layout.PassAnchors, layout.PassRunStarts);
        _anchorWords = Math.Max(1, (layout.PassAnchors.Length + 63) / 64);
        _entries = [.. signatures.Select((s, i) => new Entry(s, dispatch[i]))];
        _entriesOfAnchor = [.. layout.PassAnchors.Select((_, n) => Enumerable.Range(0, dispatch.Length).Where(i => dispatch[i].Marked && dispatch[i].PassNumber == n).ToArray())];
        _markedEntries = dispatch.Count(d => d.Marked);
        _floatingOnly = [.. Enumerable.Range(0, dispatch.Length).Where(i => dispatch[i].Floating).Select(i => ~i)];
        _trie = layout.Trie;
    }

    /// <summary>The server half of the shared table.</summary>
    public static FastSignatureMatcher Server { get; } = new(SignatureTable.Server, MatcherLayouts.Server);

    /// <summary>The client half (ssh and the other clients).</summary>
    public static FastSignatureMatcher Client { get; } = new(SignatureTable.Client, MatcherLayouts.Client);

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

        _anchors.Mark(message, found);
        foreach (var candidate in Candidates(message))
        {
            var i = candidate < 0 ? ~candidate : candidate;
            if (_entries[i].Fits(message, found, passMade: true, searchFrom: 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first signature (in table order) matching the message, read on the span: its groups are ranges of
    /// <paramref name="message"/>. <paramref name="found"/> is scratch for the floating anchors (<see cref="AnchorWords"/> long).
    /// <paramref name="ascii"/>: the caller knows every character is ASCII (a slice of a block decoded as ASCII).
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit] // Its scratch (slots, hits) is written before it is read: zeroing it cost a twentieth of this method.
    public SpanReading Read(ReadOnlySpan<char> message, Span<ulong> found, out SpanMatch match, bool ascii = false)
    {
        match = default;

        // Checked here unless the caller knows: a printable line may still decode to other characters (a journal JSON escape).
        if (ascii ? message.Length > SignatureReader.MaxLength : !SignatureReader.Fits(message))
        {
            return SpanReading.NeedsText;
        }

        if (message.IsEmpty)
        {
            return SpanReading.None;
        }

        // The anchor pass is made only when the first floating candidate it answers for is reached: a message that a
        // signature starting with its first characters reads before that (most failures, accepted logins) never needs it.
        var node = _trie.Find(message);
        var unmarked = _trie.Unmarked(node);
        var markAt = _trie.FirstMarked(node);
        var searchFrom = _trie.SearchFrom(node);
        Span<int> slots = stackalloc int[SignatureReader.MaxSlots];
        for (var at = 0; at < markAt; at++)
        {
            var i = unmarked[at];
            var entry = _entries[i < 0 ? ~i : i];
            if (entry.Fits(message, found, passMade: false, searchFrom) && Try(entry, message, slots, out match) is var reading and not SpanReading.None)
            {
                return reading;
            }
        }

        if (markAt >= unmarked.Length && _markedEntries == 0)
        {
            return SpanReading.None;
        }

        // From here on the candidates are the unmarked ones left and the marked ones whose anchor the pass found (few,
        // most often none), merged in table order: the floating signatures whose anchor is absent are never visited. The
        // pass starts where the node's text first lets an anchor start that runs past it: the anchors inside the text
        // (a Dropbear message's own start) are known found, and the walked start is not hashed again.
        found.Clear();
        foreach (var anchor in _trie.Found(node))
        {
            found[anchor >> 6] |= 1UL << anchor;
        }

        _anchors.Mark(message[_trie.PassFrom(node)..], found);
        Span<int> hits = stackalloc int[_markedEntries];
        var hitCount = MarkedHits(found, hits);
        var next = 0;
        for (var at = markAt; at < unmarked.Length || next < hitCount;)
        {
            var u = at < unmarked.Length ? unmarked[at] : int.MaxValue;
            var index = u < 0 ? ~u : u;
            Entry entry;
            if (next < hitCount && hits[next] < index)
            {
                entry = _entries[hits[next++]];
            }
            else
            {
                at++;
                entry = _entries[index];
                if (!entry.Fits(message, found, passMade: true, searchFrom))
                {
                    continue;
                }
            }

            if (Try(entry, message, slots, out match) is var reading and not SpanReading.None)
            {
                return reading;
            }
        }

        return SpanReading.None;
    }

    /// <summary>One candidate whose anchor fits: Matched, None (it does not match: try the next), or NeedsText when it has no reader.</summary>
    private static SpanReading Try(Entry entry, ReadOnlySpan<char> message, Span<int> slots, out SpanMatch match)
    {
        match = default;
        if (entry.Reader is not { } reader)
        {
            return SpanReading.NeedsText;
        }

        if (!reader.TryRead(message, slots))
        {
            return SpanReading.None;
        }

        match = entry.SpanMatchOf(message, slots);
        return SpanReading.Matched;
    }

    /// <summary>The marked signatures whose anchor the pass found, as table indices in order; returns how many.</summary>
    private int MarkedHits(ReadOnlySpan<ulong> found, Span<int> hits)
    {
        var count = 0;
        for (var word = 0; word < found.Length; word++)
        {
            for (var bits = found[word]; bits != 0; bits &= bits - 1)
            {
                foreach (var index in _entriesOfAnchor[(word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits)])
                {
                    // Insertion: a message holds one or two anchors.
                    var k = count++;
                    for (; k > 0 && hits[k - 1] > index; k--)
                    {
                        hits[k] = hits[k - 1];
                    }

                    hits[k] = index;
                }
            }
        }

        return count;
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
        foreach (var candidate in Candidates(message))
        {
            var i = candidate < 0 ? ~candidate : candidate;
            var entry = _entries[i];
            if (!entry.Fits(message, found, passMade: true, searchFrom: 0))
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
    /// The signatures worth trying, in table order (see <see cref="CandidateTrie"/>), floating ones written <c>~index</c>:
    /// the caller takes <c>i &lt; 0 ? ~i : i</c>.
    /// </summary>
    private ReadOnlySpan<int> Candidates(ReadOnlySpan<char> message) =>
        message[0] < CandidateTrie.Roots ? _trie.Candidates(_trie.Find(message)) : _floatingOnly;

    /// <summary>A port group's digits as a number (-1: none, or too large for an int), without the general parser for the usual few digits.</summary>
    private static int Port(ReadOnlySpan<char> digits)
    {
        if (digits.IsEmpty || digits.Length > 9)
        {
            return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var large) ? large : -1;
        }

        var value = 0;
        foreach (var ch in digits)
        {
            var digit = ch - '0';
            if ((uint)digit > 9)
            {
                return -1;
            }

            value = (value * 10) + digit;
        }

        return value;
    }

    /// <param name="dispatch">Where the matcher looks for the anchor (see <see cref="SignatureDispatch"/>).</param>
    private sealed class Entry(MessageSignature signature, SignatureDispatch dispatch)
    {
        private readonly int _anchorNumber = dispatch.PassNumber;
        private readonly char _rare = dispatch.Rarest;

        /// <summary>Whether the anchor needs its own test: a literal start that already holds it makes the test redundant.</summary>
        private readonly bool _anchorOutsidePrefix = !dispatch.AnchorInPrefix;

        private readonly int _ipSlot = signature.Reader?.SlotOf("ip") ?? -1;
        private readonly int _userSlot = signature.Reader?.SlotOf("user") ?? -1;
        private readonly int _portSlot = signature.Reader?.SlotOf("port") ?? -1;

        /// <summary>The <c>invalid</c> group, read only for a signature whose attempts depend on it (<see cref="AttemptWhen.InvalidUser"/>).</summary>
        private readonly int _invalidSlot = signature.Attempt == AttemptWhen.InvalidUser ? signature.Reader?.SlotOf(AnyEvent.Invalid.Group) ?? -1 : -1;

        /// <summary>The rule that decides the diagnosis from captured groups (see <see cref="FailureId"/>), or null: the signature's own id.</summary>
        private readonly FailureId.Decided? _decided = FailureId.For(signature);

        /// <summary>The slots of <see cref="_decided"/>'s deciding and detail groups, or -1.</summary>
        private readonly int _decidingSlot = SlotOf(signature, FailureId.For(signature)?.Deciding);
        private readonly int _detailSlot = SlotOf(signature, FailureId.For(signature)?.Detail);

        public MessageSignature Signature { get; } = signature;

        public SignatureReader? Reader { get; } = signature.Reader;

        /// <summary>
        /// The anchor is in a message whose candidate this is (its literal start already compared): from the anchor pass
        /// when it answers for it and <paramref name="passMade"/> (a floating marked signature is visited only after it),
        /// else by a search, made only when the anchor's rarest character is there (a search for one character costs a
        /// fraction of a search for a text, and most messages lack the short anchors' <c>v</c> of <c>avc:</c>, <c>M</c> of <c>PAM: </c>).
        /// An anchor outside the pass is searched for from <paramref name="searchFrom"/> on (<see cref="CandidateTrie.SearchFrom"/>:
        /// none starts before it), a pass anchor searched for before the pass in the whole message.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] // Called on every candidate: not inlined, it cost more than its searches saved.
        public bool Fits(ReadOnlySpan<char> message, ReadOnlySpan<ulong> found, bool passMade, int searchFrom)
        {
            if (_anchorNumber >= 0 && passMade)
            {
                return (found[_anchorNumber >> 6] & (1UL << _anchorNumber)) != 0;
            }

            var text = _anchorNumber >= 0 ? message : message[searchFrom..];
            return !_anchorOutsidePrefix || (text.Contains(_rare) && text.Contains(Signature.Anchor, StringComparison.Ordinal));
        }

        private static int SlotOf(MessageSignature signature, EventField? group) =>
            group is { } field ? signature.Reader?.SlotOf(field.Group) ?? -1 : -1;

        public SpanMatch SpanMatchOf(ReadOnlySpan<char> message, ReadOnlySpan<int> slots)
        {
            var hasIp = SignatureReader.TryGroup(slots, _ipSlot, out var ip);
            var hasUser = SignatureReader.TryGroup(slots, _userSlot, out var user);
            var port = SignatureReader.TryGroup(slots, _portSlot, out var portRange) ? Port(message[portRange]) : -1;
            var id = _decided is null
                ? Signature.DiagnosisId
                : SignatureReader.TryGroup(slots, _decidingSlot, out var deciding)
                    ? _decided.Decide(message[deciding], SignatureReader.TryGroup(slots, _detailSlot, out var detail) ? message[detail] : default)
                    : null;
            return new SpanMatch(Signature, id, ip, user, port, hasIp, hasUser, _invalidSlot >= 0 && slots[_invalidSlot] >= 0);
        }
    }
}
