using System.Text.RegularExpressions;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Rules;
using SshDoctor.Tests.Explain;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Conventions;

/// <summary>
/// Every id a rule can make is PRODUCED by a test, not only named: either the rule engine makes it from the sample
/// corpus (the explain samples, each checked by its own test against its <c># expect:</c>), or a named test makes it
/// from a source the corpus cannot hold (the probe against a lab sshd, an audit of a prepared tree, a fix on the user's
/// word) — listed in <see cref="ProducedByTest"/> with the test, which must exist and name the id.
/// </summary>
public sealed partial class ProducedIdsTests
{
    private static readonly string TestsRoot = Path.Combine(SampleFiles.RepositoryRoot, "tests");

    /// <summary>Ids the corpus cannot show, and the test (file, method) that makes each from its real source.</summary>
    private static readonly Dictionary<string, (string File, string Test)> ProducedByTest = new(StringComparer.Ordinal)
    {
        // check-local over a temporary home
        [DiagnosisIds.ConfigIncludeLoop] = ("SshDoctor.Tests/Audit/Local/ConfigReadingTests.cs", "An_include_loop_of_two_files_is_one_config_include_loop_not_thousands_of_warnings"),
        [DiagnosisIds.KeyAgentUnusable] = ("SshDoctor.Tests/Audit/Local/AgentCheckTests.cs", "A_socket_answering_a_4_GB_length_is_an_unusable_agent"),

        // check-server over a prepared tree
        [DiagnosisIds.ServerAuthLogMissing] = ("SshDoctor.Tests/Audit/Server/AuthLogMissingTests.cs", "No_auth_log_no_secure_log_and_no_journal_is_auth_log_missing"),
        [DiagnosisIds.ServerFirewallBlocks] = ("SshDoctor.Tests/Audit/Server/FirewallBlocksTests.cs", "A_drop_rule_on_the_ssh_port_is_firewall_blocks"),
        [DiagnosisIds.ServerSshdNotRunning] = ("SshDoctor.Tests/Audit/Server/SshdNotRunningTests.cs", "No_sshd_process_and_nothing_on_the_port_is_sshd_not_running"),

        // diagnose against a lab sshd
        [DiagnosisIds.SessionTimeout] = ("SshDoctor.IntegrationTests/Probing/LoginTimeoutTests.cs", "A_command_that_never_ends_is_a_session_timeout_not_ok"),
    };

    private static readonly Lazy<IReadOnlySet<string>> FromCorpus = new(Corpus);

    public static TheoryData<string> Ids() =>
        [.. DiagnosisIds.All.Select(e => e.Id).Where(id => RuleSet.All.Any(r => r.Produces.Contains(id)))];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_id_is_produced_by_the_corpus_or_a_named_test(string id) =>
        Assert.True(FromCorpus.Value.Contains(id) || ProducedByTest.ContainsKey(id),
            $"no test produces {id}: add a sample to the corpus (with # expect:), or a test that makes it and a line in ProducedByTest");

    [Fact]
    public void A_named_test_exists_and_names_its_id()
    {
        Assert.All(ProducedByTest, entry =>
        {
            var (id, (file, test)) = (entry.Key, entry.Value);
            var path = Path.Combine(TestsRoot, file);
            Assert.True(File.Exists(path), $"{id}: {file} does not exist");
            var text = File.ReadAllText(path);
            Assert.True(Regex.IsMatch(text, $@"\b{Regex.Escape(test)}\s*\("), $"{id}: {file} has no test {test}");
            var constant = typeof(DiagnosisIds).GetFields().First(f => f.IsLiteral && (string?)f.GetRawConstantValue() == id).Name;
            Assert.True(text.Contains($"\"{id}\"", StringComparison.Ordinal) || text.Contains(constant, StringComparison.Ordinal), $"{id}: {file} does not name it");
        });
    }

    [Fact]
    public void The_list_holds_only_ids_the_corpus_does_not_produce()
    {
        var stale = ProducedByTest.Keys.Where(FromCorpus.Value.Contains).ToList();
        Assert.True(stale.Count == 0, "the corpus produces these, drop them from ProducedByTest: " + string.Join(", ", stale));
    }

    /// <summary>The ids explain makes from every sample the sample tests run: each client sample, each lab recording (both logs, the client's alone, its plain output).</summary>
    private static HashSet<string> Corpus()
    {
        var runs = new List<string[]>();
        foreach (var folder in (string[])["clients", "variants", "pastes", "logs"])
        {
            runs.AddRange(Directory.EnumerateFiles(SampleFiles.PathOf(folder), "*.log", SearchOption.AllDirectories).Select(f => new[] { f }));
        }

        foreach (var scenario in Directory.EnumerateDirectories(SampleFiles.PathOf("lab")))
        {
            var client = Path.Combine(scenario, "client.log");
            var servers = Directory.EnumerateFiles(scenario, "server*.log").Order(StringComparer.Ordinal).ToArray();
            runs.Add([client, .. servers]);
            runs.Add([client]);
            runs.AddRange(Directory.EnumerateFiles(scenario, "client-plain.log").Select(f => new[] { f }));
            runs.AddRange(servers.Select(f => new[] { f }));
        }

        Assert.True(runs.Count > 300, $"the corpus has only {runs.Count} runs: is it there?");
        return [.. runs.SelectMany(paths => ExplainHelper.OfFiles(paths).Diagnoses).Select(d => d.Id)];
    }
}
