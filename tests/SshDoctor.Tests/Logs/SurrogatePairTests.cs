using System.Text;
using SshDoctor.Logs.Input;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// explain's reader never leaves half of a surrogate pair in a line (found by the client-log fuzz harness: a backspace
/// after an emoji left a lone high surrogate in the report's host, which the JSON writer cannot write).
/// </summary>
public sealed class SurrogatePairTests
{
    [Fact]
    public void A_backspace_erases_a_whole_character_outside_the_basic_plane()
    {
        Assert.Equal("host h", TerminalText.Clean("host h\U0001F600\b"));
        Assert.Equal("host h\U0001F600", TerminalText.Clean("host h\U0001F600x\b"));
    }

    [Fact]
    public void A_line_cut_at_its_limit_is_cut_before_a_pair_not_inside_it()
    {
        var limits = InputLimits.Default with { MaxLineChars = 5 };
        var text = BoundedLineReader.Read("t", new MemoryStream(Encoding.UTF8.GetBytes("abcd\U0001F600efg\nok\n")), limits);

        Assert.Equal(["abcd", "ok"], text.Lines.Select(l => l.Text));
        Assert.Contains(text.Notes, n => n.Contains("were cut", StringComparison.Ordinal));
    }
}
