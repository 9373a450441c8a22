using System.Text.Json;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Probing;

/// <summary>
/// A lint of the lab's committed expectations (scenario.json), which the live lab tests judge ssh-doctor by: where
/// <c>expect_diagnose</c> differs from the root cause <c>expect</c>, a <c>diagnose_note</c> says why no client can see
/// it. It checks data, not code; what diagnose names is tested live (LiveLabDiagnoseTests).
/// </summary>
public class LabScenarioExpectationTests
{
    [Fact]
    public void A_diagnose_expectation_other_than_the_root_cause_says_why_and_only_then()
    {
        var scenarios = Directory.EnumerateDirectories(SampleFiles.PathOf("lab")).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(scenarios);
        var wrong = new List<string>();
        foreach (var directory in scenarios)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "scenario.json")));
            var root = doc.RootElement;
            var differs = root.GetProperty("expect").GetString() != root.GetProperty("expect_diagnose").GetString();
            var note = root.TryGetProperty("diagnose_note", out var n) ? n.GetString() : null;
            if (differs == string.IsNullOrWhiteSpace(note))
            {
                wrong.Add($"{Path.GetFileName(directory)}: expect_diagnose {(differs ? "differs from expect without" : "equals expect but has")} a diagnose_note");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }
}
