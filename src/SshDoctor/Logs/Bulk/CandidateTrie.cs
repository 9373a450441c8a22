namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The signatures worth trying for a message, found by one walk over its first characters: a radix tree of the
/// patterns' literal starts, under one root per first character, laid out ahead of time (<see cref="MatcherLayout"/>).
/// A node holds, in table order, every signature a message that reaches it may match: those whose literal start is the
/// node's text or begins it (the walk has compared it: nothing is compared again), those whose first characters hold
/// the node's first character, and the floating ones, written <c>~index</c>. A message the walk leaves at a node
/// matches no literal start deeper than it.
/// </summary>
/// <param name="roots">The node of each first character below <see cref="Roots"/>.</param>
/// <param name="nodes">The nodes; edges and candidate lists are ranges of the arrays below.</param>
/// <param name="edgeFirsts">Each edge's first character (no two alike under one node).</param>
/// <param name="labels">Each edge's text.</param>
/// <param name="children">The node each edge leads to.</param>
/// <param name="lists">Every node's candidates and unmarked candidates, one after another (shared where equal).</param>
internal sealed class CandidateTrie(int[] roots, CandidateTrie.Node[] nodes, string edgeFirsts, string[] labels, int[] children, int[] lists)
{
    /// <summary>First characters with a root: ASCII (a message starting otherwise has only floating candidates).</summary>
    public const int Roots = 128;

    /// <summary>The deepest node whose text starts <paramref name="message"/> (not empty, first character below <see cref="Roots"/>).</summary>
    public int Find(ReadOnlySpan<char> message)
    {
        var at = roots[message[0]];
        while (true)
        {
            // By reference: the node is eleven numbers, of which the walk reads three.
            ref readonly var node = ref nodes[at];
            var rest = message[node.Depth..];
            if (rest.IsEmpty)
            {
                return at;
            }

            // A node has a few edges (seldom more than four): a loop beats a general search.
            var next = node.EdgeStart;
            while (next < node.EdgeEnd && edgeFirsts[next] != rest[0])
            {
                next++;
            }

            // A label of one character (the floating starts split the trie finer) is its first: already compared. A longer
            // one is compared inline (a label is a few words: the general comparison's call cost as much as the compare).
            if (next == node.EdgeEnd || (labels[next] is { Length: > 1 } label && (rest.Length < label.Length || !KeyText.Equal(rest[..label.Length], label))))
            {
                return at;
            }

            at = children[next];
        }
    }

    /// <summary>The candidates of node <paramref name="at"/> in table order, floating ones as <c>~index</c>.</summary>
    public ReadOnlySpan<int> Candidates(int at) => lists.AsSpan(nodes[at].CandidatesStart, nodes[at].CandidatesLength);

    /// <summary>The same without the floating ones the anchor pass finds: for a message in which it found none.</summary>
    public ReadOnlySpan<int> Unmarked(int at) => lists.AsSpan(nodes[at].UnmarkedStart, nodes[at].UnmarkedLength);

    /// <summary>
    /// Where the first floating candidate the anchor pass answers for stands in node <paramref name="at"/>'s candidates
    /// (their count when none): the anchor pass is needed from there on, and the two lists agree up to it.
    /// </summary>
    public int FirstMarked(int at) => nodes[at].FirstMarked;

    /// <summary>
    /// Where in a message whose start is node <paramref name="at"/>'s text the anchor pass begins: a pass anchor starting
    /// before it lies wholly inside the text (<see cref="Found"/>), so the characters the walk compared are mostly not
    /// hashed again.
    /// </summary>
    public int PassFrom(int at) => nodes[at].PassFrom;

    /// <summary>
    /// Where in a message whose start is node <paramref name="at"/>'s text the anchors searched for one by one (the short
    /// ones outside the pass: <c>PAM: </c>, <c>avc:</c>, <c> Ban </c>) may start: none starts before it, so a search
    /// need not read the characters the walk compared.
    /// </summary>
    public int SearchFrom(int at) => nodes[at].SearchFrom;

    /// <summary>The pass anchors (their numbers) node <paramref name="at"/>'s text holds: every message reaching it holds them.</summary>
    public ReadOnlySpan<int> Found(int at) => lists.AsSpan(nodes[at].FoundStart, nodes[at].FoundLength);

    /// <param name="Depth">The length of the node's text: the characters of a message the walk has compared.</param>
    /// <param name="EdgeStart">The node's edges: from this one of the edge arrays …</param>
    /// <param name="EdgeEnd">… up to this one.</param>
    /// <param name="PassFrom">See <see cref="CandidateTrie.PassFrom(int)"/>.</param>
    /// <param name="FoundStart">The node's found anchors (<see cref="CandidateTrie.Found(int)"/>): from this one of the lists …</param>
    /// <param name="FoundLength">… this many.</param>
    /// <param name="SearchFrom">See <see cref="CandidateTrie.SearchFrom(int)"/>.</param>
    internal readonly record struct Node(int Depth, int EdgeStart, int EdgeEnd, int CandidatesStart, int CandidatesLength, int UnmarkedStart, int UnmarkedLength, int FirstMarked, int PassFrom, int FoundStart, int FoundLength, int SearchFrom);
}
