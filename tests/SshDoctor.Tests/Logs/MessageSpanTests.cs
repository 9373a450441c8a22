using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// <see cref="MessageSpan.Strip(ReadOnlySpan{char}, out int, out bool)"/> looks only where a level word, a suffix or white
/// space can be (the first and last characters): it must strip exactly what searching the whole message did.
/// </summary>
public sealed class MessageSpanTests
{
    [Theory]
    [InlineData("error: kex_exchange_identification: Connection closed by remote host", "kex_exchange_identification: Connection closed by remote host", false)]
    [InlineData("  debug1: error: fatal: x [preauth]  ", "x", true)]
    [InlineData("verbose: info: Failed password for root from 192.0.2.1 port 22 ssh2", "Failed password for root from 192.0.2.1 port 22 ssh2", false)]
    [InlineData("debug4: x", "debug4: x", false)]
    [InlineData("errors: x", "errors: x", false)]
    [InlineData("Connection closed by 192.0.2.1 port 22 [postauth]", "Connection closed by 192.0.2.1 port 22", false)]
    [InlineData("Connection closed by 192.0.2.1 port 22[preauth]", "Connection closed by 192.0.2.1 port 22[preauth]", false)]
    [InlineData("\u00A0Failed none\u2003", "Failed none", false)]
    [InlineData("error: x", "x", false)]
    [InlineData("error: ", "error:", false)]
    [InlineData("   ", "", false)]
    [InlineData("message repeated 2 times: [ error: Failed none [preauth]]", "Failed none", true)]
    [InlineData("kernel: [  970.699396] debug1: x", "x", false)]
    [InlineData("[ID 800047 auth.notice] fatal: x [postauth]", "x", false)]
    public void Strips_level_words_white_space_and_suffixes(string message, string stripped, bool preauth)
    {
        Assert.Equal(stripped, MessageSpan.Strip(message, out var times, out var marked).ToString());
        Assert.Equal(message.StartsWith('m') ? 2 : 1, times);
        Assert.Equal(preauth, marked);
    }

    [Fact]
    public void Strips_what_a_search_of_the_whole_message_strips()
    {
        string[] spaces = ["", " ", "\t", "  ", "\u00A0", "\u2003", "\u0085", "\r"];
        string[] levels =
        [
            "", "debug: ", "debug1: ", "debug2: ", "debug3: ", "debug4: ", "debug1:", "debug", "error: ", "error:x", "Error: ",
            "fatal: ", "verbose: ", "verbose:", "info: ", "info:", "inf: ", "e: ", "error: debug3: ", "info: error: ", "ddebug: ",
        ];
        string[] bodies =
        [
            "", "x", "]", "[", "Failed password for root from 192.0.2.1 port 22 ssh2", "Failed: x", "dx: y", "info", "error: ",
        ];
        string[] suffixes = ["", " [preauth]", " [postauth]", "[preauth]", " [preauth] ", " [pre]", " [preauth]]", " [postauth] [preauth]"];
        var checkedCount = 0;
        foreach (var lead in spaces)
        {
            foreach (var level in levels)
            {
                foreach (var body in bodies)
                {
                    foreach (var suffix in suffixes)
                    {
                        foreach (var trail in spaces)
                        {
                            var message = lead + level + body + suffix + trail;
                            var expected = SearchingStrip(message, out var expectedPreauth);
                            Assert.Equal(expected, MessageSpan.Strip(message, out var times, out var preauth).ToString());
                            Assert.Equal(1, times);
                            Assert.Equal(expectedPreauth, preauth);
                            checkedCount++;
                        }
                    }
                }
            }
        }

        Assert.True(checkedCount > 80_000);
    }

    /// <summary>
    /// The strip as it was written first: the whole message trimmed, a level word found by its first <c>": "</c> (for
    /// messages without a repeat, Solaris id or kernel clock, which are read by the same code either way).
    /// </summary>
    private static string SearchingStrip(string message, out bool preauth)
    {
        var span = message.AsSpan().Trim();
        while (!span.IsEmpty)
        {
            var colon = span[..Math.Min(span.Length, 9)].IndexOf(": ", StringComparison.Ordinal);
            if (colon is < 4 or > 7 || span[..colon] is not ("debug1" or "debug2" or "debug3" or "debug" or "error" or "fatal" or "verbose" or "info"))
            {
                break;
            }

            span = span[(colon + 2)..];
        }

        preauth = span.EndsWith(" [preauth]", StringComparison.Ordinal);
        if (preauth)
        {
            span = span[..^" [preauth]".Length];
        }
        else if (span.EndsWith(" [postauth]", StringComparison.Ordinal))
        {
            span = span[..^" [postauth]".Length];
        }

        return span.ToString();
    }
}
