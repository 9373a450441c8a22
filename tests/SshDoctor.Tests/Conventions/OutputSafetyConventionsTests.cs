using System.Text.RegularExpressions;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Conventions;

/// <summary>
/// Everything the CLI prints goes through one output-safety layer (<c>Rendering/Terminal.cs</c> and its standard
/// streams, over <c>Reporting/SafeText.cs</c>): no other file of the CLI reaches the console or a raw writer, writes an
/// escape sequence, or puts a string into JSON that did not pass <c>SafeText</c>.
/// </summary>
public partial class OutputSafetyConventionsTests
{
    // The layer itself: the writer, and the standard streams under it.
    private static readonly HashSet<string> LayerFiles = ["Rendering/Terminal.cs", "Rendering/StandardStream.cs"];

    private static readonly string CliRoot = Path.Combine(SampleFiles.RepositoryRoot, "src", "SshDoctor.Cli");

    public static TheoryData<string> CliFiles() => SourceFiles.Under(CliRoot);

    [Theory]
    [MemberData(nameof(CliFiles))]
    public void Only_the_terminal_writes_to_the_console(string file)
    {
        if (LayerFiles.Contains(file))
        {
            return;
        }

        var source = File.ReadAllText(Path.Combine(CliRoot, file));
        foreach (Match m in RawOutput().Matches(source))
        {
            Assert.Fail($"{file}: '{m.Value}' writes around the output-safety layer; print through Terminal (Rendering/Terminal.cs)");
        }
    }

    [Theory]
    [MemberData(nameof(CliFiles))]
    public void Every_string_put_into_json_by_hand_passes_safe_text(string file)
    {
        var source = File.ReadAllText(Path.Combine(CliRoot, file));
        foreach (Match m in JsonStringWrite().Matches(source))
        {
            var value = m.Groups["value"].Value.Trim();
            var safe = value.StartsWith('"')
                || value.StartsWith("SafeText.Escape(", StringComparison.Ordinal)
                || SafeValue().IsMatch(value);
            Assert.True(safe, $"{file}: {m.Value} — pass the value through SafeText.Escape (or write a literal)");
        }
    }

    // Console output, raw writers, hand-made escape sequences, Shown made outside the terminal.
    [GeneratedRegex(@"Console\.(Out|Error|Write|WriteLine|OpenStandardOutput|OpenStandardError)\b|\bTextWriter\b|\bStreamWriter\b|\\u001b|\\x1b|\\e\[|new Shown\(")]
    private static partial Regex RawOutput();

    [GeneratedRegex(@"\.WriteString(Value)?\(((""[^""]*""|\w+),\s*)?(?<value>[^;]+)\);")]
    private static partial Regex JsonStringWrite();

    // Formatting of our own values (times, numbers, stage names), a choice between literals, catalogue titles.
    [GeneratedRegex(@"(\.Format\(\)|\.ToString\([^)]*\)|\.ToJson\(\))$|^[\w.]+ [<>=!]+ \S+ \? ""[^""]*"" : ""[^""]*""$|^DiagnosisCatalogue\.GeneralTitle\(")]
    private static partial Regex SafeValue();
}
