using System.Buffers;
using System.Text;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>The guards' anchor search must answer exactly what the general multi-string search answers.</summary>
public sealed class AnchorSetTests
{
    private static readonly string[] Anchors = ["user ", "invalid user", "Failed ", "not allowed because", "avc:", "PAM: ", " Ban ", "Received disconnect from", "Don't panic", " Found ", "Bad password attempt", "Exit ("];

    /// <summary>
    /// With "avc:" (a window long) every window is hashed; the shorter the shortest anchor, the smaller the stride (up
    /// to every fourth window from <see cref="AnchorSet.FullStrideLength"/> characters): each anchor is found, by
    /// <see cref="AnchorSet.Mark"/> too, exactly where the general search finds it, at every offset.
    /// </summary>
    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(12)]
    public void Random_texts_with_and_without_anchors_get_the_answer_of_the_general_search(int shortest)
    {
        var anchors = Anchors.Where(a => a.Length >= shortest).ToArray();
        var set = new AnchorSet(anchors);
        var general = SearchValues.Create(anchors, StringComparison.Ordinal);
        var random = new Random(11);
        const string Letters = "abcdefgilnoprsuvwADFPRB :'.0123456789()=é";
        Span<ulong> found = stackalloc ulong[1];
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
            Assert.True(s.AsSpan().IndexOfAny(general) >= 0 == set.IsFoundIn(s), s);
            found.Clear();
            set.Mark(s, found);
            for (var a = 0; a < set.Strings.Count; a++)
            {
                Assert.True(s.Contains(set.Strings[a], StringComparison.Ordinal) == ((found[0] & (1UL << a)) != 0), $"{set.Strings[a]} in {s}");
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
        Assert.Equal(found, new AnchorSet(Anchors).IsFoundIn(text));

    [Fact]
    public void No_anchors_are_never_found_and_short_anchors_are_refused()
    {
        Assert.False(new AnchorSet([]).IsFoundIn("anything at all"));
        Assert.Throws<ArgumentException>(() => new AnchorSet(["abc"]));
    }
}
