using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>The inline prefix comparison (stamps, known <c>HOST NAME[</c>) must answer as <c>StartsWith</c> for every length and every differing place.</summary>
public sealed class ShortPrefixTests
{
    [Fact]
    public void Answers_as_StartsWith_for_every_length_and_every_differing_character()
    {
        var text = "Aug  8 11:33:20 web1 sshd-session[14262]: error: kex_exchange_identification: Connection closed".ToCharArray();
        for (var length = 0; length <= 70; length++)
        {
            var start = text.AsSpan(0, length).ToArray();
            Assert.True(ShortPrefix.StartsWith(text, start));
            Assert.True(ShortPrefix.StartsWith(start, start));
            for (var at = 0; at < length; at++)
            {
                var other = (char[])start.Clone();
                other[at] = at % 2 == 0 ? (char)(other[at] + 1) : (char)(other[at] ^ 0x100);
                Assert.False(ShortPrefix.StartsWith(text, other));
            }
        }
    }

    [Fact]
    public void A_text_shorter_than_the_start_never_starts_with_it()
    {
        var start = "web1 sshd-session[".ToCharArray();
        for (var length = 0; length < start.Length; length++)
        {
            Assert.False(ShortPrefix.StartsWith(start.AsSpan(0, length), start));
        }
    }
}
