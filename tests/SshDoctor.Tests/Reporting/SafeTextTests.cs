using CsCheck;
using SshDoctor.Reporting;

namespace SshDoctor.Tests.Reporting;

/// <summary>The one escaping of remote and file text: what it changes, what it keeps, and that nothing unsafe survives.</summary>
public class SafeTextTests
{
    [Theory]
    [InlineData("SSH-2.0-Evil\u001b[5mBlink", "SSH-2.0-Evil\\x1b[5mBlink")]
    [InlineData("\u001b]0;TITLE\u0007\u001b[31mred", "\\x1b]0;TITLE\\x07\\x1b[31mred")]
    [InlineData("a\rb\nc\td", "a\\rb\\nc\td")]
    [InlineData("nul\0del\u007f", "nul\\x00del\\x7f")]
    [InlineData("c1\u0085\u009b31m", "c1\\u0085\\u009b31m")]
    [InlineData("evil\u202egpj.exe", "evil\\u202egpj.exe")]
    [InlineData("\u2066isolate\u2069 \u200e\u200f\u061c", "\\u2066isolate\\u2069 \\u200e\\u200f\\u061c")]
    [InlineData("pair \ud83d\ude00 kept", "pair \ud83d\ude00 kept")]
    [InlineData("日本語のユーザ alice", "日本語のユーザ alice")]
    [InlineData("back\\slash", "back\\slash")]
    public void Shows_controls_as_visible_escapes_and_keeps_everything_else(string input, string expected) =>
        Assert.Equal(expected, SafeText.Escape(input));

    [Fact]
    public void Lone_surrogates_are_shown_as_escapes_and_pairs_are_kept()
    {
        // Not theory data: xunit's serialisation of attribute data would replace a lone surrogate.
        Assert.Equal("lone \\ud800 high", SafeText.Escape("lone \ud800 high"));
        Assert.Equal("lone \\udc80 low", SafeText.Escape("lone \udc80 low"));
        Assert.Equal("end \\ud83d", SafeText.Escape("end \ud83d"));
        Assert.Equal("\\ude00\ud83d\ude00", SafeText.Escape("\ude00\ud83d\ude00"));
    }

    [Fact]
    public void Keeping_newlines_keeps_only_newlines()
    {
        Assert.Equal("one\ntwo\\r\\x1b[2J", SafeText.EscapeKeepingNewlines("one\ntwo\r\u001b[2J"));
    }

    [Fact]
    public void Safe_text_is_returned_as_it_is_and_null_stays_null()
    {
        const string safe = "Accepted publickey for alice from 192.0.2.10 port 51234 ssh2: ED25519 SHA256:abc";
        Assert.Same(safe, SafeText.Escape(safe));
        Assert.Null(SafeText.Escape(null));
        Assert.Equal(string.Empty, SafeText.Escape(string.Empty));
    }

    [Fact]
    public void No_control_or_lone_surrogate_survives_and_escaping_twice_changes_nothing()
    {
        Gen.String[Gen.Char, 0, 64].Sample(text =>
        {
            var escaped = SafeText.Escape(text);
            Assert.True(SafeText.IsSafe(escaped), escaped);
            Assert.Equal(escaped, SafeText.Escape(escaped));
            Assert.DoesNotContain('\n', escaped);
            for (var i = 0; i < escaped.Length; i++)
            {
                if (char.IsHighSurrogate(escaped[i]))
                {
                    Assert.True(i + 1 < escaped.Length && char.IsLowSurrogate(escaped[++i]));
                }
                else
                {
                    Assert.False(char.IsLowSurrogate(escaped[i]));
                }
            }
        });
    }

    [Fact]
    public void Escaping_equals_a_character_by_character_reading()
    {
        var piece = Gen.OneOf(
            Gen.String[Gen.Char['\u0020', '\u007e'], 0, 40],
            Gen.OneOfConst("\t", "\n", "\r", "\u001b", "\u007f", "\u0085", "\u202e", "\u2066", "é", "\ud83d\ude00", "\ud800", "\udc00", "日本"));
        piece.Array[0, 8].Select(pieces => string.Concat(pieces)).Sample(text => Assert.Equal(Reference(text), SafeText.Escape(text)), iter: 20_000);

        static string Reference(string text)
        {
            var result = new System.Text.StringBuilder();
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    result.Append(c).Append(text[++i]);
                }
                else if (c == '\n')
                {
                    result.Append("\\n");
                }
                else if (c == '\r')
                {
                    result.Append("\\r");
                }
                else if ((c < ' ' && c != '\t') || c == '\u007f')
                {
                    result.Append(System.FormattableString.Invariant($"\\x{(int)c:x2}"));
                }
                else if (c is >= '\u0080' and <= '\u009f' or '\u061c' or '\u200e' or '\u200f' or >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' || char.IsSurrogate(c))
                {
                    result.Append(System.FormattableString.Invariant($"\\u{(int)c:x4}"));
                }
                else
                {
                    result.Append(c);
                }
            }

            return result.ToString();
        }
    }

    [Fact]
    public void Text_without_controls_is_never_changed()
    {
        Gen.String[Gen.Char['\u0020', '\u007e'], 0, 64].Sample(text => Assert.Same(text, SafeText.Escape(text)));
    }

    [Fact]
    public void The_report_json_survives_a_lone_surrogate_and_shows_controls_visibly()
    {
        var report = new Report
        {
            Command = "explain",
            Status = "problem",
            Diagnoses =
            [
                new DiagnosisReport
                {
                    Id = "auth.wrong-user",
                    Stage = "auth",
                    Certainty = "proven",
                    Title = "bad \udc80 user",
                    Explanation = "line one\nline two \u001b[2J",
                    Evidence = [new EvidenceReport { Source = "server-log", Text = "Invalid user \u001b]0;x\u0007 from 1.2.3.4", Where = "f:1" }],
                },
            ],
        };

        var json = ReportJson.Serialize(report);

        Assert.Contains("bad \\\\udc80 user", json, StringComparison.Ordinal);
        Assert.Contains("line one\\nline two \\\\x1b[2J", json, StringComparison.Ordinal);
        Assert.Contains("Invalid user \\\\x1b]0;x\\\\x07 from", json, StringComparison.Ordinal);
        Assert.Equal("bad \\udc80 user", ReportJson.Deserialize(json)!.Diagnoses[0].Title);
    }
}
