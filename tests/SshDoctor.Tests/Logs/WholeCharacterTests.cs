using System.Text;
using CsCheck;
using SshDoctor.Explain;
using SshDoctor.Localization;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Input;
using SshDoctor.Logs.Signatures;
using SshDoctor.Reporting;
using SshDoctor.Tests.Explain;
using SshDoctor.Tests.TestSupport;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// No reader makes half a character out of input: a lone surrogate made `explain` on random bytes exit 3 ("Cannot
/// transcode invalid UTF-16 string to UTF-8 JSON text"), from a backspace after an emoji, an escape before one, or a
/// line cut in the middle of one.
/// </summary>
public sealed class WholeCharacterTests
{
    private const string Emoji = "\U0001F600";

    /// <summary>Pieces random input is made of: what terminals, journald and cut lines do to text, around SSH log lines.</summary>
    private static readonly Gen<byte[]> Piece = Gen.OneOf(
        Gen.Byte.Array[1, 40],
        Gen.Const(Encoding.UTF8.GetBytes(Emoji)),
        Gen.Const(new byte[] { 0xF0, 0x9F }),
        Gen.Const("\b"u8.ToArray()),
        Gen.Const("\u001b"u8.ToArray()),
        Gen.Const("\u001b["u8.ToArray()),
        Gen.Const("\r"u8.ToArray()),
        Gen.Const("\n"u8.ToArray()),
        Gen.Const("{\"MESSAGE\":\"Failed password for \\ud800x from 192.0.2.1 port 22 ssh2\",\"SYSLOG_IDENTIFIER\":\"sshd\",\"_PID\":\"7\",\"__REALTIME_TIMESTAMP\":1e30}\n"u8.ToArray()),
        Gen.Const("May  1 12:00:00 h sshd[9]: Invalid user "u8.ToArray()),
        Gen.Const(" from 192.0.2.9 port 22\n"u8.ToArray()),
        Gen.Const("debug1: Offering public key: /home/u/.ssh/id_"u8.ToArray()),
        Gen.Const(Encoding.UTF8.GetBytes(new string('x', 2047))));

    private static readonly Gen<byte[]> Input = Piece.Array[0, 60].Select(pieces => pieces.SelectMany(p => p).ToArray());

    [Fact]
    public void A_backspace_after_a_pair_takes_back_the_whole_character() =>
        Assert.Equal("ab", TerminalText.Clean($"ab{Emoji}\b"));

    [Fact]
    public void The_random_file_that_crashed_explain_is_explained()
    {
        // What one of the 3 MB random files held: a four-byte character, a backspace, on a line the JSON reader was
        // given (it starts with '{'); the report is written as JSON.
        byte[] bytes = [.. "{\"MESSAGE\":\"x"u8, 0xF1, 0xBF, 0x85, 0xB6, 0x08, .. "\"}\n"u8];
        var input = BoundedLineReader.Read("random", new MemoryStream(bytes), InputLimits.Default);
        var report = ExplainReportBuilder.Build(Explainer.Explain([input]), Language.English);
        Assert.Equal("{\"MESSAGE\":\"x", input.Lines[0].Text[..13]);
        Assert.NotEmpty(ReportJson.Serialize(report));
    }

    [Fact]
    public void An_escape_before_a_pair_swallows_the_whole_character() =>
        Assert.Equal("ab", TerminalText.Clean($"a\u001b{Emoji}b"));

    [Fact]
    public void A_line_cut_at_its_bound_never_ends_in_half_a_pair()
    {
        var limits = new InputLimits(MaxBytes: 1 << 20, MaxLineChars: 5, MaxLines: 100);
        var input = BoundedLineReader.Read("cut", new MemoryStream(Encoding.UTF8.GetBytes($"abcd{Emoji}ef\n")), limits);
        Assert.Equal("abcd", input.Lines[0].Text);
        Assert.Contains(input.Notes, n => n.Contains("cut", StringComparison.Ordinal));
    }

    [Fact]
    public void The_text_logs_keeps_of_a_long_line_is_cut_between_characters()
    {
        var (records, _) = LogsTestSupport.ReadText($"May  1 12:00:00 h sshd[9]: {new string('x', 2047)}{Emoji}tail\n");
        var text = Assert.Single(records).Text;
        Assert.False(WholeCharacters.HasLoneSurrogate(text));
        Assert.Equal(2047, text.Length);
    }

    [Theory]
    [InlineData("\\ud800", "\ufffd")]
    [InlineData("\\udc00x", "\ufffdx")]
    [InlineData("\\ud83d\\ude00", Emoji)]
    [InlineData("\\\\ud800", "\\ud800")]
    [InlineData("\\ud800\\ud800\\udc00", "\ufffd\U00010000")]
    public void Journald_escapes_of_half_a_pair_become_the_replacement_character(string escaped, string expected)
    {
        var line = $"{{\"MESSAGE\":\"Invalid user {escaped} from 192.0.2.1 port 22\",\"SYSLOG_IDENTIFIER\":\"sshd\",\"_PID\":\"1\"}}";
        var result = ExplainHelper.OfText(line + "\n");
        var e = Assert.Single(result.Inputs[0].Events);
        Assert.Equal(expected, e.Match[EventNames.AnyEvent.User]);

        var (records, _) = LogsTestSupport.ReadText(line + "\n");
        Assert.Equal(expected, Assert.Single(records).User);
    }

    [Fact]
    public void Random_bytes_through_explain_make_no_half_character_and_no_exception()
    {
        Input.Sample(bytes =>
        {
            foreach (var limits in (InputLimits[])[InputLimits.Default, new InputLimits(1 << 20, MaxLineChars: 7, MaxLines: 1000)])
            {
                var input = BoundedLineReader.Read("random", new MemoryStream(bytes), limits);
                var result = Explainer.Explain([input]);
                var report = ExplainReportBuilder.Build(result, Language.English);
                var strings = StringsOf.Walk(result).Concat(StringsOf.Walk(report));
                var groups = result.Inputs.SelectMany(i => i.Events).SelectMany(e => e.Match.Signature.Regex.GetGroupNames().Select(e.Match.Group));
                Assert.DoesNotContain(strings.Concat(groups).OfType<string>(), s => WholeCharacters.HasLoneSurrogate(s));
                Assert.NotEmpty(ReportJson.Serialize(report));
            }
        }, iter: 400);
    }

    [Fact]
    public void Random_bytes_through_logs_make_no_half_character_and_no_exception()
    {
        Input.Sample(bytes =>
        {
            var (records, summary) = LogsTestSupport.ReadStream(new MemoryStream(bytes));
            var strings = StringsOf.Walk(records)
                .Concat(StringsOf.Walk(summary))
                .Concat(summary.Addresses.Top(int.MaxValue, AuthCounts.FailuresOf).Select(p => p.Key))
                .Concat(summary.Users.Top(int.MaxValue, AuthCounts.FailuresOf).Select(p => p.Key))
                .Concat(summary.Stories.Top(int.MaxValue).Select(p => p.Key));
            Assert.DoesNotContain(strings, s => WholeCharacters.HasLoneSurrogate(s));

            // The follow reader splits lines itself.
            var followed = new List<LogRecord>();
            var splitter = new LineSplitter(new LineClassifier("f", YearInference.Now(), FastSignatureMatcher.Server), followed.Add);
            splitter.Push(bytes);
            splitter.Flush();
            Assert.DoesNotContain(StringsOf.Walk(followed), s => WholeCharacters.HasLoneSurrogate(s));
        }, iter: 400);
    }
}
