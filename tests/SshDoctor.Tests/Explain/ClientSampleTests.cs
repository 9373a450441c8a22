using SshDoctor.Diagnosis;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Explain;

/// <summary>
/// What other clients print, captured by running them against the lab (<c>tests/lab/clients.sh record CLIENT</c>) or
/// written from their source texts (said in each file's <c># source:</c>): <c>Samples/clients/CLIENT/*.log</c>, a
/// <c>-v</c> suffix for verbose output. <c># expect: ID</c> must be the root cause, <c># also: ID</c> among the
/// diagnoses; <c># limit: WHY</c> marks output that cannot show the cause: the expected id need only be offered
/// (<c>bench/client-samples/top1.py</c> counts it as a miss).
/// </summary>
public class ClientSampleTests
{
    public static TheoryData<string> Files() =>
        [.. Directory.EnumerateFiles(SampleFiles.PathOf("clients"), "*.log", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(SampleFiles.PathOf("clients"), f))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Names_the_expected_root_cause(string file) => Check(SampleFiles.PathOf("clients", file), file);

    /// <summary>A sample's header kept: <c># expect:</c> first (or offered, under <c># limit:</c>), <c># also:</c> among the diagnoses, a <c># source:</c>.</summary>
    internal static void Check(string path, string file)
    {
        var header = File.ReadLines(path).TakeWhile(l => l.StartsWith('#')).ToList();
        var expect = Header(header, "expect").Single();
        Assert.NotEmpty(Header(header, "source"));
        var result = ExplainHelper.OfFiles(path);
        if (Header(header, "limit").Any())
        {
            // The output cannot show the cause: it must still be offered.
            Assert.True(result.Diagnoses.Any(d => d.Id == expect || d.Alternatives.Contains(expect)), $"{file}: {expect} not among [{string.Join(", ", result.Diagnoses.Select(d => d.Id))}]");
            return;
        }

        Assert.True((result.RootCause() ?? "ok") == expect, $"{file}: expected {expect}, got [{string.Join(", ", result.Diagnoses.Select(d => $"{d.Id}/{d.Certainty}"))}]");
        foreach (var also in Header(header, "also"))
        {
            Assert.Contains(result.Diagnoses, d => d.Id == also || d.Alternatives.Contains(also));
        }
    }

    /// <summary>
    /// PuTTY's advice (Pageant, puttygen) belongs to other clients' words (PuTTY's own, or a server's log of a client that
    /// gave up: code 14, JSch's "Auth fail"); ssh's output never gets it.
    /// </summary>
    [Fact]
    public void Putty_advice_only_for_puttys_output()
    {
        var openSsh = Directory.EnumerateFiles(SampleFiles.PathOf("lab"), "client*.log", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(SampleFiles.PathOf("variants"), "*.log"))
            .Where(f => !File.ReadAllText(f).Contains("No supported authentication methods available", StringComparison.Ordinal)
                && !File.ReadAllText(f).Contains("JSchException: Auth fail", StringComparison.Ordinal));
        foreach (var file in openSsh)
        {
            var result = ExplainHelper.OfFiles(file);
            Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.AuthNoSupportedMethods || d.Alternatives.Contains(DiagnosisIds.AuthNoSupportedMethods));
        }

        var putty = ExplainHelper.OfFiles(SampleFiles.PathOf("clients", "plink", "auth-password-disabled.log"));
        Assert.Equal(DiagnosisIds.AuthNoSupportedMethods, putty.RootCause());
    }

    private static IEnumerable<string> Header(List<string> lines, string key) =>
        lines.Where(l => l.StartsWith($"# {key}: ", StringComparison.Ordinal)).Select(l => l[(key.Length + 4)..].Trim());
}
