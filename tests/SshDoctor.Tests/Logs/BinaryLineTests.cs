using System.Text;
using SshDoctor.Logs.Input;

namespace SshDoctor.Tests.Logs;

public sealed class BinaryLineTests
{
    [Theory]
    [InlineData("Jan  1 10:00:00 h sshd[1]: Failed password for root from 192.0.2.1 port 22 ssh2")]
    [InlineData("Invalid user \u001b[31mred\u001b[0m from 192.0.2.1 port 4242")]
    [InlineData("debug1: Connecting to h [192.0.2.1] port 22.\tpadded\b")]
    [InlineData("Invalid user caf\uFFFD from 192.0.2.1 port 4242")]
    [InlineData("\u0001\u0002\u0003\u0004")]
    public void Log_lines_hostile_names_and_short_lines_are_not_binary(string line) => Assert.False(BinaryLine.Is(line));

    [Fact]
    public void Random_bytes_read_as_text_are_binary()
    {
        var random = new Random(7);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        var lines = Encoding.UTF8.GetString(bytes).Split('\n').Where(l => l.Length >= 64).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.True(BinaryLine.Is(l), l));
    }

    [Fact]
    public void A_log_line_after_random_bytes_is_still_explained()
    {
        var random = new Random(3);
        var bytes = new byte[256 * 1024];
        random.NextBytes(bytes);
        var text = Encoding.UTF8.GetString(bytes) + "\nJan  1 10:00:00 h sshd[1]: Failed password for root from 192.0.2.1 port 22 ssh2\n";
        var input = BoundedLineReader.Read("mixed", new MemoryStream(Encoding.UTF8.GetBytes(text)), InputLimits.Default);
        var result = SshDoctor.Explain.Explainer.Explain([input]);
        Assert.Contains(result.Inputs.SelectMany(i => i.Events), e => e.Line.Text.Contains("Failed password", StringComparison.Ordinal));
    }
}
