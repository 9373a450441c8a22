using System.Text.Json;
using SshDoctor.Explain;
using SshDoctor.Logs.Input;

namespace SshDoctor.IntegrationTests.Explain;

/// <summary>
/// The lab run live on this machine, its fresh output fed straight to explain: the root cause must match the scenario's
/// expectation (the same expectations the committed recordings are tested with).
/// </summary>
[Collection(LiveLabCollection.Name)]
public class LiveLabExplainTests(LiveLabFixture lab)
{
    public static TheoryData<string> Scenarios()
    {
        var root = Path.Combine(new LiveLabFixture().RepositoryRoot, "tests", "SshDoctor.Tests", "Samples", "lab");
        return [.. Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_live_run_of_the_scenario_is_explained_with_the_expected_root_cause(string scenario)
    {
        var run = lab.RequireRun(scenario);

        var dir = Path.Combine(lab.OutputRoot, scenario);
        var expectations = Path.Combine(lab.RepositoryRoot, "tests", "SshDoctor.Tests", "Samples", "lab", scenario, "scenario.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(expectations));
        var expect = doc.RootElement.GetProperty("expect").GetString()!;
        var clientOnly = doc.RootElement.TryGetProperty("expect_client_only", out var c) && c.GetString() is { } s ? s : expect;

        var servers = Directory.EnumerateFiles(dir, "server*.log").Order(StringComparer.Ordinal).ToList();
        var inputs = new[] { Path.Combine(dir, "client.log") }.Concat(servers).Select(p => BoundedLineReader.ReadFile(p, InputLimits.Default));
        var result = Explainer.Explain(inputs);
        var got = result.Diagnoses.Count > 0 ? result.Diagnoses[0].Id : "ok";
        var want = servers.Count > 0 ? expect : clientOnly;
        Assert.True(got == want, $"{scenario}: expected {want}, got [{string.Join(", ", result.Diagnoses.Select(d => $"{d.Id}/{d.Certainty}"))}]");
    }
}
