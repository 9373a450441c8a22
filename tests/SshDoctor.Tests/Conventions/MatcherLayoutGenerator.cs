using System.Globalization;
using System.Text;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Signatures;

namespace SshDoctor.Tests.Conventions;

/// <summary>
/// Works out <see cref="FastSignatureMatcher"/>'s dispatch of a signature table from its patterns (<see cref="Layout"/>)
/// and writes it as C# data (<see cref="Source"/>, <c>MatcherLayouts.g.cs</c>): each pattern's literal start and first
/// characters (<see cref="PatternPrefix"/>) make the candidate trie, the long anchors a literal start does not hold
/// make the anchor pass, each with the run of windows rarest in the table's patterns, and each anchor's rarest
/// character is searched for before the anchor.
/// </summary>
internal static class MatcherLayoutGenerator
{
    /// <summary>
    /// Every fourth window of a message is hashed by the anchor pass (<see cref="AnchorSet"/>): floating anchors shorter
    /// than <see cref="AnchorSet.Window"/> + 3 (<c>avc:</c>, <c>PAM: </c>, <c> Ban </c>) are looked for by their own
    /// search, only when their signature is reached.
    /// </summary>
    public const int PassAnchorLength = AnchorSet.Window + AnchorSet.MaxStride - 1;

    public static Parts Layout(IReadOnlyList<MessageSignature> signatures)
    {
        var prefixes = signatures.Select(s => PatternPrefix.Of(s.Pattern)).ToArray();
        var firsts = signatures.Select((s, i) => prefixes[i].Length > 0 ? prefixes[i][..1] : PatternPrefix.FirstChars(s.Pattern)).ToArray();

        // The pass also answers for the other long anchors a literal start does not hold: once it is made (most messages
        // reach a marked candidate), their candidates cost a bit test instead of a search each.
        var inPass = signatures.Select((s, i) => s.Anchor.Length >= PassAnchorLength && !prefixes[i].Contains(s.Anchor, StringComparison.Ordinal)).ToArray();
        var marked = signatures.Select((s, i) => firsts[i] is null && inPass[i]).ToArray();

        // The table's patterns stand for the messages: their common words ("from", "auth") are what a message holds too.
        var model = string.Join('\n', signatures.Select(s => s.Pattern));
        string[] passAnchors = [.. signatures.Where((s, i) => inPass[i]).Select(s => s.Anchor).Distinct(StringComparer.Ordinal)];
        var charCounts = model.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        return new Parts(
            [.. signatures.Select((s, i) => new SignatureDispatch(
                Floating: firsts[i] is null,
                PassNumber: inPass[i] ? Array.IndexOf(passAnchors, s.Anchor) : -1,
                Rarest: s.Anchor.Length == 0 ? '\0' : s.Anchor.MinBy(c => charCounts.GetValueOrDefault(c)),
                AnchorInPrefix: prefixes[i].Contains(s.Anchor, StringComparison.Ordinal)))],
            passAnchors,
            RunStarts(passAnchors, model),
            Trie(prefixes, firsts, marked, passAnchors, [.. signatures.SelectMany((s, i) => firsts[i] is null ? FloatingStarts(s.Pattern) : [])], SearchedAnchors(signatures, prefixes, inPass)));
    }

    /// <summary>The anchors the matcher searches for one by one (outside the pass and the literal start), distinct.</summary>
    public static string[] SearchedAnchors(IReadOnlyList<MessageSignature> signatures, IReadOnlyList<string> prefixes, IReadOnlyList<bool> inPass) =>
        [.. signatures.Where((s, i) => !inPass[i] && s.Anchor.Length > 0 && !prefixes[i].Contains(s.Anchor, StringComparison.Ordinal)).Select(s => s.Anchor).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The literals a floating pattern's match starts with, wherever it starts (<c>Child connection from </c>), or none: a
    /// message starting with one walks to its node, which holds the anchors inside it, so the pass need not hash them.
    /// An optional group of plain text right after the literal start is read both ways (<c>Bad (?:PAM )?password attempt
    /// for '</c>: <c>Bad password attempt for '</c> and <c>Bad PAM password attempt for '</c>), else the walk would stop at
    /// <c>Bad </c> and the pass hash the whole message.
    /// </summary>
    public static string[] FloatingStarts(string pattern)
    {
        if (pattern.StartsWith('^'))
        {
            return [];
        }

        var start = PatternPrefix.Of("^" + pattern);
        const string Group = "(?:";
        if (start.Length == 0 || !pattern.AsSpan(start.Length).StartsWith(Group, StringComparison.Ordinal))
        {
            return start.Length == 0 ? [] : [start];
        }

        var close = pattern.IndexOf(')', start.Length);
        var text = pattern[(start.Length + Group.Length)..Math.Max(close, start.Length + Group.Length)];
        var rest = close < 0 ? string.Empty : pattern[(close + 1)..];
        if (text.Length == 0 || text.Any(c => PatternPrefix.IsSpecial(c)) || !rest.StartsWith('?') || rest.StartsWith("??", StringComparison.Ordinal))
        {
            return [start];
        }

        return [.. FloatingStarts(start + text + rest[1..]).Concat(FloatingStarts(start + rest[1..])).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// For each string, where the <see cref="AnchorSet.StrideOf"/> consecutive windows least common together in
    /// <paramref name="common"/> start (the first such run): the windows <see cref="AnchorSet"/> puts in its bit set.
    /// </summary>
    public static int[] RunStarts(string[] strings, string common)
    {
        if (strings.FirstOrDefault(s => s.Length < AnchorSet.Window) is { } shortOne)
        {
            throw new ArgumentException($"\"{shortOne}\" is shorter than {AnchorSet.Window} characters", nameof(strings));
        }

        var stride = AnchorSet.StrideOf(strings);
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var at = 0; at + AnchorSet.Window <= common.Length; at++)
        {
            var window = common.Substring(at, AnchorSet.Window);
            frequency[window] = frequency.GetValueOrDefault(window) + 1;
        }

        return [.. strings.Select(text =>
        {
            var best = 0;
            var bestCount = long.MaxValue;
            for (var start = 0; start + stride - 1 + AnchorSet.Window <= text.Length; start++)
            {
                long count = Enumerable.Range(start, stride).Sum(offset => (long)frequency.GetValueOrDefault(text.Substring(offset, AnchorSet.Window)));
                if (count < bestCount)
                {
                    (best, bestCount) = (start, count);
                }
            }

            return best;
        })];
    }

    /// <summary>
    /// The radix tree of the literal starts, one root per ASCII first character, as <see cref="CandidateTrie"/> reads
    /// it: nodes in depth-first order, each node's edges together, equal candidate lists and equal leaves stored once.
    /// </summary>
    /// <param name="prefixes">Each signature's literal start, or empty.</param>
    /// <param name="firsts">Each signature's possible first characters (its literal start's first one), or null for a floating one.</param>
    /// <param name="marked">Whether a floating signature's anchor is found by the one anchor pass (<see cref="AnchorSet.Mark"/>).</param>
    /// <param name="passAnchors">The anchors of the pass: a node's text holds some (<see cref="CandidateTrie.Found"/>) and says where the others can start (<see cref="CandidateTrie.PassFrom"/>).</param>
    /// <param name="floatingStarts">Floating signatures' literal starts (see <see cref="FloatingStarts"/>): nodes of their own, candidates as their parents'.</param>
    /// <param name="searched">The anchors searched for one by one (see <see cref="SearchedAnchors"/>): each node says where they may start (<see cref="CandidateTrie.SearchFrom"/>).</param>
    public static TrieParts Trie(IReadOnlyList<string> prefixes, IReadOnlyList<string?> firsts, IReadOnlyList<bool> marked, IReadOnlyList<string> passAnchors, IEnumerable<string>? floatingStarts = null, IReadOnlyList<string>? searched = null)
    {
        var builder = new TrieBuilder(prefixes, firsts, marked, passAnchors, [.. prefixes.Concat(floatingStarts ?? []).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)], searched ?? []);
        int[] roots = [.. Enumerable.Range(0, CandidateTrie.Roots).Select(c => builder.Build(((char)c).ToString()))];
        return builder.Finish(roots);
    }

    /// <summary>The generated file: both sides' layouts as data.</summary>
    public static string Source()
    {
        var text = new StringBuilder();
        text.Append("// <auto-generated>\n");
        text.Append("// Written by tests/SshDoctor.Tests/Conventions/CompiledSignaturesTests.cs (MatcherLayoutGenerator) from the\n");
        text.Append("// signature tables; never edit it by hand: run the tests with SSH_DOCTOR_UPDATE_GENERATED=1 after changing a table.\n");
        text.Append("// </auto-generated>\n");
        text.Append("#nullable enable\n\n");
        text.Append("namespace SshDoctor.Logs.Bulk;\n\n");
        text.Append("/// <summary>The signature tables' dispatch (see <see cref=\"MatcherLayout\"/>).</summary>\n");
        text.Append("internal static class MatcherLayouts\n{\n");
        Append(text, "Server", SignatureTable.Server);
        text.Append('\n');
        Append(text, "Client", SignatureTable.Client);
        text.Append("}\n");
        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, IReadOnlyList<MessageSignature> signatures)
    {
        var layout = Layout(signatures);
        var trie = layout.Trie;
        text.Append("    public static MatcherLayout ").Append(name).Append(" { get; } = new()\n    {\n");
        text.Append("        // Floating, PassNumber, Rarest, AnchorInPrefix\n");
        text.Append("        Signatures =\n        [\n");
        for (var i = 0; i < layout.Signatures.Length; i++)
        {
            var d = layout.Signatures[i];
            text.Append(CultureInfo.InvariantCulture, $"            new({Bool(d.Floating)}, {d.PassNumber}, {Char(d.Rarest)}, {Bool(d.AnchorInPrefix)}), // {signatures[i].Name}\n");
        }

        text.Append("        ],\n");
        text.Append("        PassAnchors = [").Append(Items(layout.PassAnchors.Select(Literal), 12)).Append("],\n");
        text.Append("        PassRunStarts = [").Append(Numbers(layout.PassRunStarts, 12)).Append("],\n");
        text.Append("        Trie = new(\n");
        text.Append("            roots: [").Append(Numbers(trie.Roots, 16)).Append("],\n");
        text.Append("            // Depth, EdgeStart, EdgeEnd, CandidatesStart, CandidatesLength, UnmarkedStart, UnmarkedLength, FirstMarked, PassFrom, FoundStart, FoundLength, SearchFrom\n");
        text.Append("            nodes:\n            [\n");
        foreach (var n in trie.Nodes)
        {
            text.Append(CultureInfo.InvariantCulture, $"                new({n.Depth}, {n.EdgeStart}, {n.EdgeEnd}, {n.CandidatesStart}, {n.CandidatesLength}, {n.UnmarkedStart}, {n.UnmarkedLength}, {n.FirstMarked}, {n.PassFrom}, {n.FoundStart}, {n.FoundLength}, {n.SearchFrom}),\n");
        }

        text.Append("            ],\n");
        text.Append("            edgeFirsts: ").Append(Literal(trie.EdgeFirsts)).Append(",\n");
        text.Append("            labels: [").Append(Items(trie.Labels.Select(Literal), 16)).Append("],\n");
        text.Append("            children: [").Append(Numbers(trie.Children, 16)).Append("],\n");
        text.Append("            lists: [").Append(Numbers(trie.Lists, 16)).Append("]),\n");
        text.Append("    };\n");
    }

    /// <summary>A layout as the generator works it out: <see cref="ToLayout"/> is the matcher's, the rest is written out.</summary>
    public sealed record Parts(SignatureDispatch[] Signatures, string[] PassAnchors, int[] PassRunStarts, TrieParts Trie)
    {
        public MatcherLayout ToLayout() => new() { Signatures = Signatures, PassAnchors = PassAnchors, PassRunStarts = PassRunStarts, Trie = Trie.ToTrie() };
    }

    /// <summary>The arguments of a <see cref="CandidateTrie"/>.</summary>
    public sealed record TrieParts(int[] Roots, CandidateTrie.Node[] Nodes, string EdgeFirsts, string[] Labels, int[] Children, int[] Lists)
    {
        public CandidateTrie ToTrie() => new(Roots, Nodes, EdgeFirsts, Labels, Children, Lists);
    }

    private static string Numbers(IEnumerable<int> numbers, int indent) => Items(numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)), indent);

    /// <summary>Items separated by commas, on lines of at most 120 characters (the later ones indented by <paramref name="indent"/>).</summary>
    private static string Items(IEnumerable<string> items, int indent)
    {
        var text = new StringBuilder();
        var lineStart = 0;
        foreach (var item in items)
        {
            if (text.Length > 0)
            {
                text.Append(',');
                if (text.Length - lineStart + item.Length + 2 > 120 - indent)
                {
                    text.Append('\n').Append(' ', indent);
                    lineStart = text.Length - indent;
                }
                else
                {
                    text.Append(' ');
                }
            }

            text.Append(item);
        }

        return text.ToString();
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Char(char c) => c is >= ' ' and <= '~' and not ('\'' or '\\')
        ? "'" + c + "'"
        : "'\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) + "'";

    private static string Literal(string s) => "@\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <param name="texts">The texts with a node: the literal starts and the floating signatures' (see <see cref="FloatingStarts"/>).</param>
    /// <param name="searched">The anchors searched for one by one: where they may start in a node's text is its <see cref="CandidateTrie.SearchFrom"/>.</param>
    private sealed class TrieBuilder(IReadOnlyList<string> prefixes, IReadOnlyList<string?> firsts, IReadOnlyList<bool> marked, IReadOnlyList<string> passAnchors, IReadOnlyList<string> texts, IReadOnlyList<string> searched)
    {
        private readonly List<CandidateTrie.Node> _nodes = [];
        private readonly Dictionary<CandidateTrie.Node, int> _leaves = [];
        private readonly StringBuilder _edgeFirsts = new();
        private readonly List<string> _labels = [];
        private readonly List<int> _children = [];
        private readonly List<int> _lists = [];
        private readonly Dictionary<string, int> _listStarts = new(StringComparer.Ordinal);

        /// <summary>The node of <paramref name="text"/> and those below it; returns its number.</summary>
        public int Build(string text)
        {
            int[] candidates = [.. Enumerable.Range(0, prefixes.Count)
                .Where(i => prefixes[i].Length > 0 ? text.StartsWith(prefixes[i], StringComparison.Ordinal) : firsts[i] is null || firsts[i]!.Contains(text[0], StringComparison.Ordinal))
                .Select(i => firsts[i] is null ? ~i : i)];
            int[] unmarked = [.. candidates.Where(c => c >= 0 || !marked[~c])];
            var firstMarked = Array.FindIndex(candidates, c => c < 0 && marked[~c]);
            var below = texts.Where(p => p.Length > text.Length && p.StartsWith(text, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToArray();
            var edges = below.GroupBy(p => p[text.Length]).Select(group =>
            {
                var label = group.Aggregate((a, b) => a[..CommonLength(a, b)])[text.Length..];
                return (First: group.Key, Label: label, Child: Build(text + label));
            }).ToArray();
            int[] found = [.. Enumerable.Range(0, passAnchors.Count).Where(a => text.Contains(passAnchors[a], StringComparison.Ordinal))];
            var node = new CandidateTrie.Node(text.Length, _labels.Count, _labels.Count + edges.Length, ListStart(candidates), candidates.Length, ListStart(unmarked), unmarked.Length, firstMarked < 0 ? candidates.Length : firstMarked, PassFrom(text), found.Length == 0 ? 0 : ListStart(found), found.Length, SearchFrom(text));
            if (edges.Length == 0)
            {
                node = node with { EdgeStart = 0, EdgeEnd = 0 };
                if (_leaves.TryGetValue(node, out var same))
                {
                    return same;
                }

                _leaves[node] = _nodes.Count;
            }

            foreach (var (first, label, child) in edges)
            {
                _edgeFirsts.Append(first);
                _labels.Add(label);
                _children.Add(child);
            }

            _nodes.Add(node);
            return _nodes.Count - 1;
        }

        /// <summary>
        /// The first place of <paramref name="text"/> (a message's start) where a pass anchor may start that runs past its
        /// end (agreeing with the text up to it); the text's length when there is none. The anchors wholly inside the text
        /// are the node's found ones.
        /// </summary>
        private int PassFrom(string text)
        {
            for (var at = 0; at < text.Length; at++)
            {
                var rest = text[at..];
                if (passAnchors.Any(a => rest.Length < a.Length && a.StartsWith(rest, StringComparison.Ordinal)))
                {
                    return at;
                }
            }

            return text.Length;
        }

        /// <summary>
        /// The first place of <paramref name="text"/> (a message's start) where a searched anchor starts, inside the text
        /// or running past its end; the text's length when there is none: no occurrence in a message starts before it.
        /// </summary>
        private int SearchFrom(string text)
        {
            for (var at = 0; at < text.Length; at++)
            {
                var rest = text[at..];
                if (searched.Any(a => rest.StartsWith(a, StringComparison.Ordinal) || a.StartsWith(rest, StringComparison.Ordinal)))
                {
                    return at;
                }
            }

            return text.Length;
        }

        public TrieParts Finish(int[] roots) => new(roots, [.. _nodes], _edgeFirsts.ToString(), [.. _labels], [.. _children], [.. _lists]);

        private int ListStart(int[] list)
        {
            var key = string.Join(',', list);
            if (!_listStarts.TryGetValue(key, out var start))
            {
                start = _lists.Count;
                _lists.AddRange(list);
                _listStarts[key] = start;
            }

            return start;
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
    }
}
