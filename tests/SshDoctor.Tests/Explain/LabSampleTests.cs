using System.Text.Json;
using SshDoctor.Diagnosis;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Explain;

/// <summary>
/// The lab's recordings (tests/lab/lab.sh record): real OpenSSH 9.2 / Dropbear servers and a real ssh client in
/// network namespaces. Each scenario's <c>expect</c> must be the root cause named from the client and server logs together,
/// <c>expect_client_only</c> from the client's <c>-vvv</c> log alone, and from its plain output where that output carries the evidence.
/// </summary>
public class LabSampleTests
{
    /// <summary>Scenarios whose plain (no -v) output does not carry the evidence -v gives; the expected id must still be offered.</summary>
    private static readonly Dictionary<string, string> PlainOutputLacksEvidence = new(StringComparer.Ordinal)
    {
        ["auth-root-refused"] = "only -v shows the server accepting the key before refusing root",
        ["auth-password-disabled"] = "only -v shows that the client never tried its keys because it preferred a password",
        ["banner-not-ssh-http"] = "only -v shows the HTML the port sent; plain output is a close before the banner",
        ["banner-not-ssh-smtp"] = "only -v shows the SMTP greeting; plain output is a banner timeout",
    };

    /// <summary>Scenarios whose plain output shows nothing of the cause at all: only -v (or the server) can tell.</summary>
    private static readonly Dictionary<string, string> PlainOutputShowsNothingOfIt = new(StringComparer.Ordinal)
    {
        ["key-weak-dsa"] = "only -v shows the client skipping its DSA key; plain output is a bare Permission denied",
        ["session-shell-false"] = "/bin/false prints nothing: plain output is empty",
    };

    public static TheoryData<string> Scenarios() =>
        [.. Directory.EnumerateDirectories(SampleFiles.PathOf("lab")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Client_and_server_logs_together_name_the_expected_root_cause(string scenario)
    {
        var (expect, clientOnly) = Expectations(scenario);
        // server.log, and where the lab kept them: server-syslog.log (libwrap writes to syslog), server-target.log (behind a jump host).
        var servers = Directory.EnumerateFiles(SampleFiles.PathOf("lab", scenario), "server*.log").Order(StringComparer.Ordinal).ToList();
        AssertRootCause(scenario, servers.Count > 0 ? expect : clientOnly, ExplainHelper.OfFiles([Client(scenario), .. servers]));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_client_log_alone_names_the_best_cause_it_can_see(string scenario)
    {
        var (_, clientOnly) = Expectations(scenario);
        AssertRootCause(scenario, clientOnly, ExplainHelper.OfFiles(Client(scenario)));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Plain_output_without_verbose_names_the_cause_or_at_least_offers_it(string scenario)
    {
        var (_, clientOnly) = Expectations(scenario);
        var plain = SampleFiles.PathOf("lab", scenario, "client-plain.log");
        Assert.SkipUnless(File.Exists(plain), $"{scenario} has no plain recording");
        var result = ExplainHelper.OfFiles(plain);
        if (PlainOutputShowsNothingOfIt.ContainsKey(scenario))
        {
            return;
        }

        if (!PlainOutputLacksEvidence.ContainsKey(scenario))
        {
            AssertRootCause(scenario, clientOnly, result);
        }
        else if (result.Diagnoses.Count > 0 && clientOnly != "ok")
        {
            Assert.Contains(result.Diagnoses, d => d.Id == clientOnly || d.Alternatives.Contains(clientOnly));
        }
    }

    /// <summary>
    /// sshd logs "Failed publickey" after the line that says why (StrictModes, PermitRootLogin): that line is the
    /// proven cause and the refusal its evidence, never a second proven auth.publickey.not-authorized beside it.
    /// </summary>
    [Theory]
    [InlineData("auth-server-modes-sshdir")]
    [InlineData("auth-server-modes-home")]
    [InlineData("auth-server-modes-authkeys")]
    [InlineData("auth-root-refused")]
    public void The_refusal_sshd_logs_after_its_reason_is_evidence_of_that_reason(string scenario)
    {
        var (expect, _) = Expectations(scenario);
        var result = ExplainHelper.OfFiles(Client(scenario), SampleFiles.PathOf("lab", scenario, "server.log"));

        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.AuthPublicKeyNotAuthorized);
        var root = result.Diagnoses[0];
        Assert.Equal(expect, root.Id);
        Assert.Equal(Certainty.Proven, root.Certainty);
        Assert.Contains(root.Evidence, e => e.Text.Contains("Failed publickey for ", StringComparison.Ordinal));
    }

    private static string Client(string scenario) => SampleFiles.PathOf("lab", scenario, "client.log");

    private static (string Expect, string ClientOnly) Expectations(string scenario)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SampleFiles.PathOf("lab", scenario, "scenario.json")));
        var expect = doc.RootElement.GetProperty("expect").GetString()!;
        var clientOnly = doc.RootElement.TryGetProperty("expect_client_only", out var c) && c.GetString() is { } s ? s : expect;
        return (expect, clientOnly);
    }

    private static void AssertRootCause(string scenario, string expected, SshDoctor.Explain.ExplainResult result)
    {
        var got = result.RootCause() ?? "ok";
        Assert.True(got == expected, $"{scenario}: expected {expected}, got [{string.Join(", ", result.Diagnoses.Select(d => $"{d.Id}/{d.Certainty}"))}]");
    }
}
