using System.Text.Json;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Probing;

/// <summary>
/// The lab's recordings of <c>ssh-doctor diagnose --json --login</c> (diagnose.json, recorded by
/// <c>LAB_DIAGNOSE=… tests/lab/lab.sh record --diagnose-only</c>) agree with each scenario's <c>expect_diagnose</c>, and every
/// scenario where diagnose by design names something else than <c>expect</c> says why.
/// </summary>
public class LabDiagnoseRecordingTests
{
    public static TheoryData<string> Scenarios() =>
        [.. Directory.EnumerateDirectories(SampleFiles.PathOf("lab")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_recorded_diagnose_report_names_the_expected_root_cause_first(string scenario)
    {
        var (expect, expectDiagnose, _) = Expectations(scenario);
        var path = SampleFiles.PathOf("lab", scenario, "diagnose.json");
        Assert.True(File.Exists(path), $"{scenario}: no diagnose.json recorded (expect {expect})");
        using var report = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal("ssh-doctor/1", report.RootElement.GetProperty("schema").GetString());
        Assert.Equal("diagnose", report.RootElement.GetProperty("command").GetString());
        var ids = report.RootElement.GetProperty("diagnoses").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToList();
        Assert.True((ids.Count > 0 ? ids[0] : "ok") == expectDiagnose, $"{scenario}: diagnose.json names [{string.Join(", ", ids)}], scenario.json expects {expectDiagnose} first");
        if (expectDiagnose == "auth.publickey.not-authorized" && expect != expectDiagnose)
        {
            // The server hides its reason from any client; the report must still name it as the alternative.
            var alternatives = report.RootElement.GetProperty("diagnoses")[0].GetProperty("alternatives").EnumerateArray().Select(a => a.GetString());
            Assert.Contains(expect, alternatives);
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_diagnose_expectation_other_than_the_root_cause_says_why(string scenario)
    {
        var (expect, expectDiagnose, note) = Expectations(scenario);
        if (expectDiagnose == expect)
        {
            Assert.Null(note);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(note), $"{scenario}: expect_diagnose {expectDiagnose} differs from expect {expect} without a diagnose_note");
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_diagnose_command_is_the_client_command_as_diagnose_arguments(string scenario)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SampleFiles.PathOf("lab", scenario, "scenario.json")));
        var command = doc.RootElement.GetProperty("command").GetString()!;
        var diagnose = doc.RootElement.GetProperty("diagnose_command").GetString()!;
        Assert.StartsWith("ssh-doctor diagnose --json --login ", diagnose, StringComparison.Ordinal);
        var destination = diagnose.Split(' ')[^1];
        Assert.Contains(" " + destination, command, StringComparison.Ordinal);
    }

    private static (string Expect, string ExpectDiagnose, string? Note) Expectations(string scenario)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SampleFiles.PathOf("lab", scenario, "scenario.json")));
        var root = doc.RootElement;
        return (root.GetProperty("expect").GetString()!, root.GetProperty("expect_diagnose").GetString()!,
            root.TryGetProperty("diagnose_note", out var n) ? n.GetString() : null);
    }
}
