using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Signatures;
using SshDoctor.Tests.Conventions;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// The trie's walk must give exactly the candidates a search of the whole table gives: every signature whose literal
/// start begins the message, whose first characters hold its first one, or that is floating, in table order. Checked on
/// a trie the generator lays out with other anchors marked, and on the checked-in one (<c>MatcherLayouts.g.cs</c>). The
/// anchor pass from where a node says it may begin, with the anchors the node's text holds, finds what a pass over the
/// whole message finds; so does a search for an anchor outside the pass from where the node says.
/// </summary>
public sealed class CandidateTrieTests
{
    public static TheoryData<string> Sides => ["server", "client"];

    [Theory]
    [MemberData(nameof(Sides))]
    public void The_walk_gives_the_candidates_of_a_search_of_the_table(string side)
    {
        var signatures = side == "server" ? SignatureTable.Server : SignatureTable.Client;
        var prefixes = signatures.Select(s => PatternPrefix.Of(s.Pattern)).ToArray();
        var firsts = signatures.Select((s, i) => prefixes[i].Length > 0 ? prefixes[i][..1] : PatternPrefix.FirstChars(s.Pattern)).ToArray();
        var everyOther = signatures.Select((s, i) => firsts[i] is null && i % 2 == 0).ToArray();
        var generated = side == "server" ? MatcherLayouts.Server : MatcherLayouts.Client;
        var asGenerated = generated.Signatures.Select(d => d.Marked).ToArray();
        var anchors = generated.PassAnchors;
        var searched = MatcherLayoutGenerator.SearchedAnchors(signatures, prefixes, [.. signatures.Select(s => generated.PassAnchors.Contains(s.Anchor))]);
        Assert.Contains(side == "server" ? "avc:" : "-R \"", searched);
        var random = new Random(5);
        var messages = new List<string>();
        var floatingStarts = signatures.SelectMany((s, i) => firsts[i] is null ? MatcherLayoutGenerator.FloatingStarts(s.Pattern) : []).ToArray();
        if (side == "server")
        {
            Assert.Contains("Child connection from ", floatingStarts);
            Assert.Contains("Bad password attempt for '", floatingStarts);
            Assert.Contains("Bad PAM password attempt for '", floatingStarts);
        }

        foreach (var prefix in prefixes.Concat(floatingStarts).Where(p => p.Length > 0))
        {
            // The literal start whole, cut at each length, changed in one character, and followed by more.
            messages.Add(prefix);
            messages.AddRange(Enumerable.Range(1, prefix.Length - 1).Select(n => prefix[..n]));
            messages.Add(prefix[..^1] + (char)(prefix[^1] + 1));
            messages.Add(prefix + "x from 192.0.2.1 port 22");
            messages.Add(prefix + prefixes[random.Next(prefixes.Length)]);

            // A pass anchor after the start, and running into it from each place of its end.
            var anchor = anchors[random.Next(anchors.Length)];
            messages.Add(prefix + anchor);
            messages.AddRange(Enumerable.Range(0, Math.Min(prefix.Length, anchor.Length)).Select(n => prefix[..^n] + anchor));

            // The same with an anchor searched for one by one.
            var one = searched[random.Next(searched.Length)];
            messages.Add(prefix + one);
            messages.AddRange(Enumerable.Range(0, Math.Min(prefix.Length, one.Length)).Select(n => prefix[..^n] + one));
        }

        messages.AddRange(anchors.Concat(searched).Select(a => a + " x"));

        messages.AddRange(Enumerable.Range(0, 2000).Select(_ => new string([.. Enumerable.Range(0, random.Next(1, 12)).Select(_ => (char)random.Next(32, 127))])));
        (CandidateTrie Trie, bool[] Marked)[] tries = [(MatcherLayoutGenerator.Trie(prefixes, firsts, everyOther, anchors, floatingStarts, searched).ToTrie(), everyOther), (generated.Trie, asGenerated)];
        var set = new AnchorSet(anchors, generated.PassRunStarts);
        Span<ulong> whole = stackalloc ulong[(anchors.Length + 63) / 64];
        Span<ulong> after = stackalloc ulong[whole.Length];
        foreach (var (trie, marked) in tries)
        {
            foreach (var message in messages)
            {
                int[] expected = [.. Enumerable.Range(0, signatures.Count)
                    .Where(i => prefixes[i].Length > 0 ? message.StartsWith(prefixes[i], StringComparison.Ordinal) : firsts[i] is null || firsts[i]!.Contains(message[0], StringComparison.Ordinal))
                    .Select(i => firsts[i] is null ? ~i : i)];
                var node = trie.Find(message);
                Assert.True(expected.AsSpan().SequenceEqual(trie.Candidates(node)), $"{side}: \"{message}\"");
                Assert.True(expected.Where(c => c >= 0 || !marked[~c]).ToArray().AsSpan().SequenceEqual(trie.Unmarked(node)), $"{side}: \"{message}\" (unmarked)");
                var firstMarked = Array.FindIndex(expected, c => c < 0 && marked[~c]);
                Assert.Equal(firstMarked < 0 ? expected.Length : firstMarked, trie.FirstMarked(node));

                // The anchor pass begins where the walk says: with the anchors the node holds, it finds every anchor a pass
                // over the whole message finds, and the node holds only anchors the message holds.
                var passFrom = trie.PassFrom(node);
                Assert.InRange(passFrom, 0, message.Length);
                whole.Clear();
                after.Clear();
                set.Mark(message, whole);
                foreach (var anchor in trie.Found(node))
                {
                    Assert.Contains(anchors[anchor], message, StringComparison.Ordinal);
                    after[anchor >> 6] |= 1UL << anchor;
                }

                set.Mark(message.AsSpan(passFrom), after);
                Assert.True(whole.SequenceEqual(after), $"{side}: \"{message}\" (the pass from {passFrom})");

                // The anchors searched for one by one are found from where the node says as in the whole message.
                var searchFrom = trie.SearchFrom(node);
                Assert.InRange(searchFrom, 0, message.Length);
                foreach (var one in searched)
                {
                    Assert.True(message.Contains(one, StringComparison.Ordinal) == message.AsSpan(searchFrom).Contains(one, StringComparison.Ordinal), $"{side}: \"{message}\" ({one} from {searchFrom})");
                }
            }
        }
    }
}
