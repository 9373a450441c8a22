using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// The count table's inline comparison and copy of keys, and the address' inline look for a zone's <c>%</c>, against the
/// plain forms, at every length up to past five vectors and every place a difference or a <c>%</c> can be.
/// </summary>
public class KeyTextTests
{
    private const int Longest = 48;

    [Fact]
    public void Keys_are_equal_as_the_plain_comparison_says_at_every_length_and_differing_place()
    {
        for (var length = 0; length <= Longest; length++)
        {
            var key = Text(length, 'a');
            Assert.True(KeyText.Equal(key, new string(key.AsSpan())));
            Assert.False(KeyText.Equal(key, key + "a"));
            Assert.False(KeyText.Equal(key + "a", key));
            for (var at = 0; at < length; at++)
            {
                var other = key.ToCharArray();
                other[at] = (char)(other[at] + 1);
                Assert.False(KeyText.Equal(key, other));
                other[at] = (char)(other[at] ^ 0x100);
                Assert.False(KeyText.Equal(key, other));
            }
        }
    }

    [Fact]
    public void A_key_copied_over_its_own_text_from_a_later_place_arrives_whole()
    {
        for (var length = 0; length <= Longest; length++)
        {
            foreach (var back in (int[])[0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 40, 100])
            {
                var text = new char[200];
                var from = 100;
                var key = Text(length, 'k');
                key.CopyTo(text.AsSpan(from));
                KeyText.Copy(text.AsSpan(from, length), text.AsSpan(from - back, length));
                Assert.Equal(key, new string(text, from - back, length));
            }
        }
    }

    [Fact]
    public void A_percent_is_found_inline_wherever_the_plain_search_finds_it()
    {
        for (var length = 0; length <= Longest; length++)
        {
            var ip = Text(length, '0');
            Assert.False(Address.MayHoldPercent(ip));
            Assert.Same(ip, Address.Grouping(ip));
            for (var at = 0; at < length; at++)
            {
                var chars = ip.ToCharArray();
                chars[at] = '%';
                var zoned = new string(chars);
                Assert.True(Address.MayHoldPercent(zoned));
                Assert.Equal(at > 0 ? zoned[..at] : zoned, Address.Grouping(zoned));

                // A character that differs from % only in its high byte, or by one bit, is not one.
                chars[at] = (char)('%' | 0x100);
                Assert.False(Address.MayHoldPercent(new string(chars)));
                chars[at] = (char)('%' ^ 1);
                Assert.False(Address.MayHoldPercent(new string(chars)));
            }
        }
    }

    /// <summary>Characters that change along the text, so that a part compared or copied at the wrong place shows.</summary>
    private static string Text(int length, char first) => new([.. Enumerable.Range(0, length).Select(i => (char)(first + (i % 40)))]);
}
