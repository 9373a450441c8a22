namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The signatures worth trying for a message, found by one walk over its first characters: a radix tree of the
/// patterns' literal starts (<see cref="PatternPrefix.Of"/>), under one root per first character. A node holds, in
/// table order, every signature a message that reaches it may match: those whose literal start is the node's text or
/// begins it (the walk has compared it: nothing is compared again), those whose first characters
/// (<see cref="PatternPrefix.FirstChars"/>) hold the node's first character, and the floating ones, written
/// <c>~index</c>. A message the walk leaves at a node matches no literal start deeper than it.
/// </summary>
internal sealed class CandidateTrie
{
    /// <summary>First characters with a root: ASCII (a message starting otherwise has only floating candidates).</summary>
    public const int Roots = 128;

    /// <summary>
    /// Each root's tree is built the first time a message starts with its character: a short log meets a few of the 128,
    /// and building them all at start cost about 3 ms of CPU per run (explain of a two-file example: 12 → 15 ms).
    /// </summary>
    private readonly Node?[] _roots = new Node?[Roots];
    private readonly IReadOnlyList<string> _prefixes;
    private readonly IReadOnlyList<string?> _firsts;
    private readonly IReadOnlyList<bool> _marked;

    /// <param name="prefixes">Each signature's literal start, or empty.</param>
    /// <param name="firsts">Each signature's possible first characters (its literal start's first one), or null for a floating one.</param>
    /// <param name="marked">Whether a floating signature's anchor is found by the one anchor pass (<see cref="AnchorSet.Mark"/>).</param>
    public CandidateTrie(IReadOnlyList<string> prefixes, IReadOnlyList<string?> firsts, IReadOnlyList<bool> marked)
    {
        _prefixes = prefixes;
        _firsts = firsts;
        _marked = marked;
    }

    /// <summary>The deepest node whose text starts <paramref name="message"/> (not empty, first character below <see cref="Roots"/>).</summary>
    public Node Find(ReadOnlySpan<char> message)
    {
        var node = Volatile.Read(ref _roots[message[0]]) ?? Root(message[0]);
        while (true)
        {
            var rest = message[node.Depth..];
            if (rest.IsEmpty)
            {
                return node;
            }

            // A node has a few edges (seldom more than four): a loop beats a general search.
            var firsts = node.EdgeFirsts;
            var next = 0;
            while (next < firsts.Length && firsts[next] != rest[0])
            {
                next++;
            }

            if (next == firsts.Length || !rest.StartsWith(node.Labels[next], StringComparison.Ordinal))
            {
                return node;
            }

            node = node.Children[next];
        }
    }

    /// <summary>Builds the tree of one first character; threads that race build equal trees and all use the first one kept.</summary>
    private Node Root(char first)
    {
        var text = first.ToString();
        var below = _prefixes.Where(p => p.StartsWith(text, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToArray();
        var built = Build(text, below, _prefixes, _firsts, _marked);
        return Interlocked.CompareExchange(ref _roots[first], built, null) ?? built;
    }

    private static Node Build(string text, string[] below, IReadOnlyList<string> prefixes, IReadOnlyList<string?> firsts, IReadOnlyList<bool> marked)
    {
        var candidates = Enumerable.Range(0, prefixes.Count)
            .Where(i => prefixes[i].Length > 0 ? text.StartsWith(prefixes[i], StringComparison.Ordinal) : firsts[i] is null || firsts[i]!.Contains(text[0], StringComparison.Ordinal))
            .Select(i => firsts[i] is null ? ~i : i)
            .ToArray();
        var firstMarked = Array.FindIndex(candidates, c => c < 0 && marked[~c]);
        var edges = below.Where(p => p.Length > text.Length).GroupBy(p => p[text.Length]).Select(group =>
        {
            var label = group.Aggregate((a, b) => a[..CommonLength(a, b)])[text.Length..];
            var child = text + label;
            return (First: group.Key, Label: label, Child: Build(child, [.. group.Where(p => p.StartsWith(child, StringComparison.Ordinal))], prefixes, firsts, marked));
        }).ToArray();
        return new Node
        {
            Depth = text.Length,
            EdgeFirsts = [.. edges.Select(e => e.First)],
            Labels = [.. edges.Select(e => e.Label)],
            Children = [.. edges.Select(e => e.Child)],
            Candidates = candidates,
            Unmarked = [.. candidates.Where(c => c >= 0 || !marked[~c])],
            FirstMarked = firstMarked < 0 ? candidates.Length : firstMarked,
        };
    }

    private static int CommonLength(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }

    public sealed class Node
    {
        /// <summary>The length of the node's text: the characters of a message the walk has compared.</summary>
        public required int Depth { get; init; }

        /// <summary>The edges below, in step: each one's first character (no two alike), its text, the node it leads to.</summary>
        public required char[] EdgeFirsts { get; init; }

        public required string[] Labels { get; init; }

        public required Node[] Children { get; init; }

        /// <summary>The candidates in table order, floating ones as <c>~index</c>.</summary>
        public required int[] Candidates { get; init; }

        /// <summary>The same without the floating ones the anchor pass finds: for a message in which it found none.</summary>
        public required int[] Unmarked { get; init; }

        /// <summary>
        /// Where the first floating candidate the anchor pass answers for stands (the length when none): the anchor pass is
        /// needed from there on, and the two lists agree up to it.
        /// </summary>
        public required int FirstMarked { get; init; }
    }
}
