using System.Text.Json;
using SshDoctor.Fuzz;
using SshDoctor.Logs;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Server;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// fail2ban's own annotated sshd samples (../shared/corpora/fail2ban-sshd, not copied into the repository): every line
/// its filter counts as a failure in normal mode is recognised, with the address fail2ban reports. Skipped when the
/// corpus is absent, failed under CI=true.
/// </summary>
public class Fail2banCorpusTests
{
    private static readonly string Corpus = SampleFiles.Fail2banCorpus;

    [Fact]
    public void Every_normal_mode_failure_is_recognised_with_the_address_fail2ban_reports()
    {
        if (!HaveCorpus())
        {
            return;
        }

        var missed = new List<string>();
        foreach (var file in (string[])["sshd", "sshd-journal"])
        {
            var records = LogsTestSupport.Read(Path.Combine(Corpus, file)).Records.Where(r => r.Recognised).ToDictionary(r => r.Line);
            foreach (var expected in Expected().Where(e => e.File == file && e.Match && e.Modes.Contains("normal")))
            {
                // Two annotations give no host; fail2ban's own run (observed_host) names the connection's address.
                var want = expected.Host ?? expected.ObservedHost;
                if (!records.TryGetValue(expected.Line, out var record) || record.Ip != want)
                {
                    missed.Add($"{file}:{expected.Line} want {want} got {(record is null ? "nothing" : $"{record.Id} {record.Ip}")}: {expected.Text}");
                }
            }
        }

        Assert.True(missed.Count == 0, string.Join("\n", missed));
    }

    [Fact]
    public void The_fast_matcher_returns_what_the_signature_table_returns_on_every_corpus_and_sample_line()
    {
        var files = Directory.EnumerateFiles(SampleFiles.PathOf("logs"), "*.log").ToList();
        files.AddRange(SampleFiles.Fail2banCorpusFiles("sshd", "sshd-journal"));

        foreach (var line in files.SelectMany(File.ReadLines))
        {
            var message = MessageText.Strip(ServerLinePrefix.Split(line).Message);
            Assert.Equal(MessageSpan.Strip(ServerLinePrefix.Split(line).Message).ToString(), message);
            var disagreement = SignatureAgreement.FastMatcher(message);
            Assert.True(disagreement is null, disagreement);
        }
    }

    private static bool HaveCorpus()
    {
        if (File.Exists(Path.Combine(Corpus, "expected.jsonl")))
        {
            return true;
        }

        Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"fail2ban corpus missing at {Corpus} (required under CI=true)");
        Console.WriteLine($"SKIPPED: fail2ban corpus not found at {Corpus}");
        return false;
    }

    private static IEnumerable<ExpectedLine> Expected()
    {
        foreach (var line in File.ReadLines(Path.Combine(Corpus, "expected.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            var modes = e.TryGetProperty("modes", out var m) && m.ValueKind == JsonValueKind.Array ? m.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
            yield return new ExpectedLine(
                e.GetProperty("file").GetString()!,
                e.GetProperty("line").GetInt64(),
                e.GetProperty("text").GetString()!,
                e.GetProperty("match").GetBoolean(),
                e.GetProperty("host").ValueKind == JsonValueKind.String ? e.GetProperty("host").GetString() : null,
                e.TryGetProperty("observed_host", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null,
                modes);
        }
    }

    private sealed record ExpectedLine(string File, long Line, string Text, bool Match, string? Host, string? ObservedHost, List<string> Modes);
}
