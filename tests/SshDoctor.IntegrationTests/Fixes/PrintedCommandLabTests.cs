using System.Text.Json;
using SshDoctor.IntegrationTests.Explain;

namespace SshDoctor.IntegrationTests.Fixes;

/// <summary>
/// The commands a report prints are right, not only <c>ssh-doctor fix</c>'s own apply path: in each live lab scenario
/// (<see cref="LiveLabFixture"/>), the printed commands <see cref="PrintedCommandTable"/> picks were run exactly as
/// printed, in the scenario's own namespaces and files, round after round (diagnose, run, ssh again), and the
/// connection then works (or the command that is itself the working connection exits 0).
/// </summary>
[Collection(LiveLabCollection.Name)]
public class PrintedCommandLabTests(LiveLabFixture lab, ITestOutputHelper output)
{
    public static TheoryData<string> Scenarios() => [.. PrintedCommandTable.Scenarios.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_printed_commands_run_as_printed_make_the_connection_work(string scenario)
    {
        lab.RequireRun(scenario);
        var (rounds, outcome, next) = PrintedCommandTable.Scenarios[scenario];
        var path = Path.Combine(lab.OutputRoot, scenario, "fix-commands.json");
        Assert.True(File.Exists(path), $"{scenario}: no fix-commands.json");
        var text = File.ReadAllText(path);
        using var doc = JsonDocument.Parse(text);
        var before = doc.RootElement.GetProperty("ssh_exit_before").GetInt32();
        var ran = doc.RootElement.GetProperty("rounds").EnumerateArray().ToList();
        var ids = ran.Select(r => r.GetProperty("diagnosis").GetString()!).ToList();
        Assert.True(ids.SequenceEqual(rounds), $"{scenario}: rounds [{string.Join(", ", ids)}], expected [{string.Join(", ", rounds)}]\n{text}");

        foreach (var round in ran)
        {
            var commands = round.GetProperty("commands").EnumerateArray().ToList();
            Assert.True(commands.Count > 0, $"{scenario}: no printed command was picked for {round.GetProperty("diagnosis").GetString()}\n{text}");
            foreach (var command in commands)
            {
                var line = command.GetProperty("command").GetString()!;
                Assert.True(line.Length > 0, $"{scenario}: a picked fix prints no command\n{text}");
                Assert.True(command.GetProperty("exit").GetInt32() == 0, $"{scenario}: `{line}` exited {command.GetProperty("exit").GetInt32()}\n{text}");
                output.WriteLine($"{scenario}: ran `{line}`: exit 0");
            }
        }

        var last = ran[^1];
        var sshAfter = last.GetProperty("ssh_exit").GetInt32();
        switch (outcome)
        {
            case PrintedCommandTable.Outcome.SshWorks:
                Assert.True(before != 0 && sshAfter == 0, $"{scenario}: ssh exit {before} before, {sshAfter} after\n{text}");
                break;
            case PrintedCommandTable.Outcome.CommandConnects:
                // The command is itself the connection that works (checked above); the stored files are unchanged.
                Assert.True(before != 0 && sshAfter == before, $"{scenario}: ssh exit {before} before, {sshAfter} after\n{text}");
                break;
            case PrintedCommandTable.Outcome.FailureTextGone:
                Assert.True(sshAfter == 0 && !last.GetProperty("ssh_output").GetString()!.Contains(next!, StringComparison.Ordinal), $"{scenario}: ssh exit {sshAfter}, still '{next}'\n{text}");
                break;
            case PrintedCommandTable.Outcome.NextCause:
                var after = last.TryGetProperty("diagnosis_after", out var a) ? a.GetString() : null;
                Assert.True(sshAfter != 0 && after == next, $"{scenario}: ssh exit {sshAfter}, then diagnose named {after ?? "nothing"}, expected {next}\n{text}");
                break;
        }

        output.WriteLine($"{scenario}: ssh exit {before} before, {sshAfter} after ({outcome})");
    }

    /// <summary>Every live scenario whose root cause prints an automatic fix command is in the table (or says why not).</summary>
    [Fact]
    public void Every_scenario_with_a_printed_automatic_fix_runs_it()
    {
        lab.RequireRun("ok");
        var missing = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories(lab.OutputRoot).Order(StringComparer.Ordinal))
        {
            var report = Path.Combine(dir, "diagnose.json");
            if (!File.Exists(report))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(File.ReadAllText(report));
            var diagnoses = doc.RootElement.GetProperty("diagnoses");
            if (diagnoses.GetArrayLength() == 0)
            {
                continue;
            }

            var root = diagnoses[0];
            var printed = root.GetProperty("fixes").EnumerateArray().Any(f => f.GetProperty("automatic").GetBoolean() && f.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.String);
            var scenario = Path.GetFileName(dir);
            if (printed && !PrintedCommandTable.Scenarios.ContainsKey(scenario) && !PrintedCommandTable.NotRunnable.ContainsKey(scenario))
            {
                missing.Add($"{scenario} ({root.GetProperty("id").GetString()})");
            }
        }

        Assert.True(missing.Count == 0, "printed automatic fixes no lab test runs: " + string.Join(", ", missing));
    }
}
