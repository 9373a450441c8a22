using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Explain;

/// <summary>
/// Hand-written messages in the exact shapes other OpenSSH versions (7.4 to 10.x), distributions and neighbours
/// (PuTTY, Dropbear, fail2ban, journald) print, each citing its source: <c>Samples/variants/*.log</c> with a header
/// <c># expect: ID</c> (the root cause) and optionally <c># also: ID</c> (must be among the diagnoses).
/// </summary>
public class VersionVariantTests
{
    public static TheoryData<string> Files() =>
        [.. Directory.EnumerateFiles(SampleFiles.PathOf("variants"), "*.log").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Names_the_expected_root_cause(string file)
    {
        var path = SampleFiles.PathOf("variants", file);
        var header = File.ReadLines(path).TakeWhile(l => l.StartsWith('#')).ToList();
        var expect = Header(header, "expect").Single();
        var result = ExplainHelper.OfFiles(path);

        Assert.True(result.RootCause() == expect, $"{file}: expected {expect}, got [{string.Join(", ", result.Diagnoses.Select(d => $"{d.Id}/{d.Certainty}"))}]");
        foreach (var also in Header(header, "also"))
        {
            Assert.Contains(result.Diagnoses, d => d.Id == also);
        }
    }

    private static IEnumerable<string> Header(List<string> lines, string key) =>
        lines.Where(l => l.StartsWith($"# {key}: ", StringComparison.Ordinal)).Select(l => l[(key.Length + 4)..].Trim());
}
