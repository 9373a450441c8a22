using System.Buffers;
using System.Text;
using SshDoctor.Logs.Bulk;
using SshDoctor.Tests.Conventions;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// The anchor pass must answer exactly what the general multi-string search answers, with the windows the generator
/// chooses (<see cref="MatcherLayoutGenerator.RunStarts"/>).
/// </summary>
public sealed class AnchorSetTests
{
    private static readonly string[] Anchors = ["user ", "invalid user", "Failed ", "not allowed because", "avc:", "PAM: ", " Ban ", "Received disconnect from", "Don't panic"];

    /// <summary>
    /// With "avc:" (a window long) every window is hashed; with anchors of 5, 6 and 7 or more characters every second,
    /// third and fourth one: each string must still be found wherever it starts, and marked alone. With a model text
    /// whose commonest words are the anchors' starts, each anchor's windows are taken from further in: still found.
    /// </summary>
    [Theory]
    [InlineData(4, false)]
    [InlineData(5, false)]
    [InlineData(6, false)]
    [InlineData(7, false)]
    [InlineData(5, true)]
    [InlineData(7, true)]
    public void Random_texts_with_and_without_anchors_get_the_answer_of_the_general_search(int shortest, bool withCommon)
    {
        string[] anchors = [.. Anchors.Where(a => a.Length >= shortest)];
        var common = withCommon ? string.Concat(anchors.SelectMany(a => Enumerable.Repeat(a[..Math.Min(a.Length, 9)] + "|", 5))) : "";
        var set = Set(anchors, common);
        var general = SearchValues.Create(anchors, StringComparison.Ordinal);
        var random = new Random(11);
        const string Letters = "abcdefgilnoprsuvwADFPRB :'.0123456789()=é";
        for (var n = 0; n < 20_000; n++)
        {
            var text = new StringBuilder();
            var length = random.Next(40);
            for (var i = 0; i < length; i++)
            {
                text.Append(Letters[random.Next(Letters.Length)]);
            }

            if (random.Next(3) == 0)
            {
                var anchor = anchors[random.Next(anchors.Length)];
                // Whole, or cut short by one (must not be found for that).
                text.Insert(random.Next(text.Length + 1), random.Next(2) == 0 ? anchor : anchor[..^1]);
            }

            var s = text.ToString();
            Assert.True(s.AsSpan().IndexOfAny(general) >= 0 == IsFoundIn(set, s), s);
            var found = Marked(set, s);
            for (var i = 0; i < set.Strings.Count; i++)
            {
                Assert.True(s.Contains(set.Strings[i], StringComparison.Ordinal) == ((found[i >> 6] & (1UL << i)) != 0), $"{set.Strings[i]} in {s}");
            }
        }
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("use", false)]
    [InlineData("user", false)]
    [InlineData("user ", true)]
    [InlineData("x avc:", true)]
    [InlineData("avc", false)]
    public void Texts_at_and_below_the_window_length_are_answered(string text, bool found) =>
        Assert.Equal(found, IsFoundIn(Set(Anchors), text));

    [Fact]
    public void No_anchors_are_never_found_and_short_anchors_are_refused()
    {
        Assert.False(IsFoundIn(Set([]), "anything at all"));
        Assert.Throws<ArgumentException>(() => MatcherLayoutGenerator.RunStarts(["abc"], ""));
    }

    private static AnchorSet Set(string[] anchors, string common = "") => new(anchors, MatcherLayoutGenerator.RunStarts(anchors, common));

    private static ulong[] Marked(AnchorSet set, string text)
    {
        var found = new ulong[(set.Strings.Count + 63) / 64 + 1];
        set.Mark(text, found);
        return found;
    }

    private static bool IsFoundIn(AnchorSet set, string text) => Marked(set, text).Any(word => word != 0);
}
