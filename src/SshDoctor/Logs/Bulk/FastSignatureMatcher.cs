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

    /// <summary>Per first character: the signatures with that literal start and every floating one, in table order.</summary>
    private readonly int[][] _byFirstChar;

    /// <summary>Per first character: only the signatures with that literal start (for a message holding no floating anchor).</summary>
    private readonly int[][] _literalByFirstChar;

    /// <summary>The floating signatures, in table order (for a message starting outside ASCII).</summary>
    private readonly int[] _floatingOnly;

    /// <summary>The floating anchors of at least <see cref="AnchorSet.Window"/> characters, found in one pass.</summary>
    private readonly AnchorSet _floatingAnchors;
    private readonly int _anchorWords;

    /// <summary>Whether some floating anchor is shorter than a window (then found by its own search, and never "none found").</summary>
    private readonly bool _shortFloatingAnchors;

    public FastSignatureMatcher(IReadOnlyList<MessageSignature> signatures)
    {
        var prefixes = signatures.Select(s => PatternPrefix.Of(s.Pattern)).ToArray();
        var longAnchors = signatures.Where((s, i) => prefixes[i].Length == 0 && s.Anchor.Length >= AnchorSet.Window).Select(s => s.Anchor).Distinct(StringComparer.Ordinal).ToList();
        _shortFloatingAnchors = signatures.Where((s, i) => prefixes[i].Length == 0 && s.Anchor.Length < AnchorSet.Window).Any();
        _floatingAnchors = new AnchorSet(longAnchors);
        _anchorWords = Math.Max(1, (_floatingAnchors.Strings.Count + 63) / 64);
        var numbers = _floatingAnchors.Strings.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        _entries = [.. signatures.Select((s, i) => new Entry(s, prefixes[i], prefixes[i].Length == 0 && numbers.TryGetValue(s.Anchor, out var n) ? n : -1))];
        _floatingOnly = [.. Enumerable.Range(0, _entries.Length).Where(i => _entries[i].Prefix.Length == 0)];
        _byFirstChar = new int[Buckets][];
        _literalByFirstChar = new int[Buckets][];
        for (var c = 0; c < Buckets; c++)
        {
            _byFirstChar[c] = [.. Enumerable.Range(0, _entries.Length).Where(i => _entries[i].Prefix.Length == 0 || _entries[i].Prefix[0] == c)];
            _literalByFirstChar[c] = [.. Enumerable.Range(0, _entries.Length).Where(i => _entries[i].Prefix.Length > 0 && _entries[i].Prefix[0] == c)];
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
        foreach (var i in Candidates(message, found))
        {
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

        found.Clear();
        if (message.IsEmpty)
        {
            return SpanReading.None;
        }

        _floatingAnchors.Mark(message, found);
        Span<int> slots = stackalloc int[SignatureReader.MaxSlots];
        foreach (var i in Candidates(message, found))
        {
            var entry = _entries[i];
            if (!entry.Fits(message, found))
            {
                continue;
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
        }

        return SpanReading.None;
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
        foreach (var i in Candidates(message, found))
        {
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

    /// <summary>The signatures worth trying, in table order: floating ones only when some floating anchor is in the message.</summary>
    private int[] Candidates(ReadOnlySpan<char> message, ReadOnlySpan<ulong> found)
    {
        var first = message[0];
        if (first >= Buckets)
        {
            return _floatingOnly;
        }

        return _shortFloatingAnchors || found.ContainsAnyExcept(0UL) ? _byFirstChar[first] : _literalByFirstChar[first];
    }

    private sealed class Entry(MessageSignature signature, string prefix, int anchorNumber)
    {
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

        /// <summary>The literal start, and the anchor (from the one pass when it was in it) are in the message.</summary>
        public bool Fits(ReadOnlySpan<char> message, ReadOnlySpan<ulong> found)
        {
            if (Prefix.Length > 0)
            {
                return message.StartsWith(Prefix, StringComparison.Ordinal)
                    && (!_anchorOutsidePrefix || message.Contains(Signature.Anchor, StringComparison.Ordinal));
            }

            return anchorNumber >= 0
                ? (found[anchorNumber >> 6] & (1UL << anchorNumber)) != 0
                : message.Contains(Signature.Anchor, StringComparison.Ordinal);
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
