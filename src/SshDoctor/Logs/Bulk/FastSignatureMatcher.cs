using System.Text.RegularExpressions;
using SshDoctor.Logs.Signatures;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The shared signature table (<see cref="SignatureTable"/>), arranged for millions of lines, and the one matcher both
/// <c>explain</c> and <c>logs</c> run. A signature whose pattern starts with a literal (<c>^Failed none for</c>) is a
/// candidate only for messages starting with it (bucketed by first character); the others (floating) only when their
/// anchor is in the message, and all floating anchors are found in one pass (<see cref="AnchorSet.Mark"/>). Candidates
/// run in table order through each signature's compiled regex (<see cref="CompiledSignatures"/>), so the result is
/// exactly <see cref="SignatureTable.Match"/>'s (first match in table order); the tests check this on every sample.
/// </summary>
public sealed class FastSignatureMatcher
{
    private const int Buckets = 128;

    private readonly Entry[] entries;

    /// <summary>Per first character: the signatures with that literal start and every floating one, in table order.</summary>
    private readonly int[][] byFirstChar;

    /// <summary>The floating signatures, in table order (for a message starting outside ASCII).</summary>
    private readonly int[] floatingOnly;

    /// <summary>The floating anchors of at least <see cref="AnchorSet.Window"/> characters, found in one pass.</summary>
    private readonly AnchorSet floatingAnchors;
    private readonly int anchorWords;

    public FastSignatureMatcher(IReadOnlyList<MessageSignature> signatures)
    {
        var prefixes = signatures.Select(s => PatternPrefix.Of(s.Pattern)).ToArray();
        var longAnchors = signatures.Where((s, i) => prefixes[i].Length == 0 && s.Anchor.Length >= AnchorSet.Window).Select(s => s.Anchor).Distinct(StringComparer.Ordinal).ToList();
        floatingAnchors = new AnchorSet(longAnchors);
        anchorWords = Math.Max(1, (floatingAnchors.Strings.Count + 63) / 64);
        var numbers = floatingAnchors.Strings.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        entries = [.. signatures.Select((s, i) => new Entry(s, prefixes[i], prefixes[i].Length == 0 && numbers.TryGetValue(s.Anchor, out var n) ? n : -1))];
        floatingOnly = [.. Enumerable.Range(0, entries.Length).Where(i => entries[i].Prefix.Length == 0)];
        byFirstChar = new int[Buckets][];
        for (var c = 0; c < Buckets; c++)
        {
            byFirstChar[c] = [.. Enumerable.Range(0, entries.Length).Where(i => entries[i].Prefix.Length == 0 || entries[i].Prefix[0] == c)];
        }
    }

    /// <summary>The server half of the shared table.</summary>
    public static FastSignatureMatcher Server { get; } = new(SignatureTable.Server);

    /// <summary>The client half (ssh and the other clients).</summary>
    public static FastSignatureMatcher Client { get; } = new(SignatureTable.Client);

    /// <summary>How many words <see cref="MayMatch(ReadOnlySpan{char}, Span{ulong})"/> needs for the anchors it finds.</summary>
    public int AnchorWords => anchorWords;

    /// <summary>Quick test: could any signature match? False means no regex would, and no string need be made.</summary>
    public bool MayMatch(ReadOnlySpan<char> message)
    {
        Span<ulong> found = stackalloc ulong[anchorWords];
        return MayMatch(message, found);
    }

    /// <summary>As <see cref="MayMatch(ReadOnlySpan{char})"/>, leaving the floating anchors found in <paramref name="found"/> for <see cref="Match(string, ReadOnlySpan{ulong})"/>.</summary>
    public bool MayMatch(ReadOnlySpan<char> message, Span<ulong> found)
    {
        found.Clear();
        if (message.IsEmpty)
        {
            return false;
        }

        floatingAnchors.Mark(message, found);
        foreach (var i in message[0] < Buckets ? byFirstChar[message[0]] : floatingOnly)
        {
            if (entries[i].Fits(message, found))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>First signature (in table order) whose anchor, prefix and pattern fit the message.</summary>
    public SignatureMatch? Match(string message)
    {
        Span<ulong> found = stackalloc ulong[anchorWords];
        return MayMatch(message, found) ? Match(message, found) : null;
    }

    /// <summary>As <see cref="Match(string)"/>, with the floating anchors <see cref="MayMatch(ReadOnlySpan{char}, Span{ulong})"/> found in the same message.</summary>
    public SignatureMatch? Match(string message, ReadOnlySpan<ulong> found)
    {
        if (message.Length == 0)
        {
            return null;
        }

        foreach (var i in message[0] < Buckets ? byFirstChar[message[0]] : floatingOnly)
        {
            var entry = entries[i];
            if (!entry.Fits(message, found))
            {
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

    private sealed class Entry(MessageSignature signature, string prefix, int anchorNumber)
    {
        /// <summary>Whether the anchor needs its own test: a literal start that already holds it makes the test redundant.</summary>
        private readonly bool anchorOutsidePrefix = !prefix.Contains(signature.Anchor, StringComparison.Ordinal);

        public MessageSignature Signature { get; } = signature;

        public string Prefix { get; } = prefix;

        /// <summary>The literal start, and the anchor (from the one pass when it was in it) are in the message.</summary>
        public bool Fits(ReadOnlySpan<char> message, ReadOnlySpan<ulong> found)
        {
            if (Prefix.Length > 0)
            {
                return message.StartsWith(Prefix, StringComparison.Ordinal)
                    && (!anchorOutsidePrefix || message.Contains(Signature.Anchor, StringComparison.Ordinal));
            }

            return anchorNumber >= 0
                ? (found[anchorNumber >> 6] & (1UL << anchorNumber)) != 0
                : message.Contains(Signature.Anchor, StringComparison.Ordinal);
        }
    }
}
