using System.Text;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Input;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// The readers never leave half of a surrogate pair in a line (a backspace after an emoji left a lone high surrogate in
/// explain's report, which the JSON writer cannot write; logs cut a long message inside a pair: the client-log and
/// logs-differential fuzz harnesses' lone-surrogate check).
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

    [Fact]
    public void A_logs_message_capped_at_its_limit_is_cut_before_a_pair_not_inside_it()
    {
        var line = "May  1 12:00:00 h sshd[1]: " + new string('a', 2047) + "\U0001F600 tail";

        var record = new LineClassifier("f", YearInference.Now(), FastSignatureMatcher.Server).Classify(line, 1)!;

        Assert.Equal(new string('a', 2047), record.Text);
    }
}
