using System.Text;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Explain;
using SshDoctor.Localization;
using SshDoctor.Logs.Input;
using SshDoctor.Reporting;

namespace SshDoctor.Tests.Explain;

public class GarbageInputTests
{
    [Fact]
    public void Empty_input_gives_no_diagnosis_and_no_error()
    {
        var result = ExplainHelper.OfText(string.Empty);
        Assert.Empty(result.Diagnoses);
        Assert.Equal("unknown", result.Inputs[0].Kind);
    }

    [Fact]
    public void Binary_input_is_flagged_as_binary_and_recognises_nothing()
    {
        var bytes = new byte[256 * 1024];
        new Random(42).NextBytes(bytes);
        var input = BoundedLineReader.Read("random.bin", new MemoryStream(bytes), InputLimits.Default);
        Assert.True(input.LooksBinary);
        var result = Explainer.Explain([input]);
        Assert.Empty(result.Diagnoses);
    }

    [Fact]
    public void A_ten_megabyte_single_line_is_cut_and_said_so_and_the_next_line_still_counts()
    {
        var text = new string('x', 10 * 1024 * 1024) + "\nssh: connect to host 192.0.2.7 port 22: Connection refused\n";
        var input = BoundedLineReader.Read("huge", new MemoryStream(Encoding.UTF8.GetBytes(text)), InputLimits.Default);
        Assert.Contains(input.Notes, n => n.Contains("cut", StringComparison.Ordinal));
        Assert.True(input.Lines[0].Text.Length <= InputLimits.Default.MaxLineChars);
        Assert.Equal("tcp.refused", Explainer.Explain([input]).RootCause());
    }

    [Fact]
    public void Input_larger_than_the_byte_limit_is_read_only_up_to_the_limit()
    {
        var limits = new InputLimits(MaxBytes: 1000, MaxLineChars: 100, MaxLines: 1000);
        var text = string.Concat(Enumerable.Repeat("debug1: Connection established.\n", 200));
        var input = BoundedLineReader.Read("big", new MemoryStream(Encoding.UTF8.GetBytes(text)), limits);
        Assert.Contains(input.Notes, n => n.Contains("only the beginning", StringComparison.Ordinal));
        Assert.True(input.Lines.Count <= 1000 / 30 + 1);
    }

    [Fact]
    public void Invalid_utf8_and_control_characters_do_not_break_recognition()
    {
        var bytes = new List<byte> { 0xff, 0xfe, 0xc3, 0x28, (byte)'\n' };
        bytes.AddRange(Encoding.UTF8.GetBytes("\u001b[31mssh: connect to host example.org port 22: Connection timed out\u001b[0m\r\n"));
        var input = BoundedLineReader.Read("mixed", new MemoryStream([.. bytes]), InputLimits.Default);
        Assert.Equal("tcp.timeout", Explainer.Explain([input]).RootCause());
    }

    [Fact]
    public void Regex_hostile_lines_end_with_every_sentence_bounded()
    {
        // A user name no sshd could log (it logs %.100s of it), made to backtrack the signature: the run ends, the
        // parentheses line means nothing, and no sentence carries more than a bounded piece of the name.
        var line = "Failed password for " + string.Concat(Enumerable.Repeat("a from b port ", 2000)) + "\n";
        var result = ExplainHelper.OfText(line, new string('(', 16000));

        var described = ReportBuilder.Describe(result.Diagnoses, Language.English);
        Assert.All(described, d =>
        {
            Assert.True(d.Title.Length < 2 * Template.MaxValueInProse, d.Title);
            Assert.True(d.Explanation.Length < 4096, d.Explanation);
            Assert.All(d.Fixes, f => Assert.True(f.Summary.Length < 4 * Template.MaxValueInProse, f.Summary));
        });
        Assert.Empty(ExplainHelper.OfText(new string('(', 16000)).Diagnoses);
    }
}
