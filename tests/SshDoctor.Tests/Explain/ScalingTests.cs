using System.Diagnostics;
using System.Globalization;
using System.Text;
using SshDoctor.Logs;
using SshDoctor.Logs.Input;
using SshDoctor.Logs.Server;
using SshDoctor.Logs.Signatures;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Explain;

/// <summary>
/// explain grows with its input, not its square: 80,000 distinct failed logins took 416 s (every failed line looked
/// through every line for a later login of its connection). The bound is generous on purpose: it fails on the old
/// quadratic code by minutes, never on a slow machine.
/// </summary>
public sealed class ScalingTests
{
    [Fact]
    public void Eighty_thousand_distinct_failed_logins_are_explained_in_seconds_with_twelve_lines_of_evidence()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 80_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Jan  1 {i / 3600 % 24:00}:{i / 60 % 60:00}:{i % 60:00} host sshd[{1000 + i}]: Failed password for user{i} from 10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255} port {1024 + (i % 60000)} ssh2\n");
        }

        // Every eighth connection also logged in: those failures are history, asked about for every failed line.
        for (var i = 0; i < 80_000; i += 8)
        {
            text.Append(CultureInfo.InvariantCulture, $"Jan  1 23:59:59 host sshd[{1000 + i}]: Accepted password for user{i} from 10.0.0.1 port 22 ssh2\n");
        }

        var clock = Stopwatch.StartNew();
        var result = ExplainHelper.OfText(text.ToString());
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        var wrong = Assert.Single(result.Diagnoses, d => d.Id == "auth.password.wrong");
        Assert.Equal(12, wrong.Evidence.Count);
        Assert.DoesNotContain(wrong.Evidence, e => e.Text.Contains("sshd[1000]", StringComparison.Ordinal));
    }

    [Fact]
    public void A_client_log_with_thousands_of_keys_and_proposal_lines_stays_linear()
    {
        var text = new StringBuilder("OpenSSH_9.6p1, OpenSSL 3.0.13 30 Jan 2024\ndebug1: Connecting to web1 [192.0.2.7] port 22.\ndebug1: Next authentication method: publickey\n");
        for (var i = 0; i < 40_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"debug1: Offering public key: /home/u/.ssh/id_{i} ED25519 SHA256:{i:D43} explicit\n");
            text.Append("debug1: Authentications that can continue: publickey\n");
            text.Append("debug2: KEX algorithms: curve25519-sha256\n");
        }

        text.Append("alice@web1: Permission denied (publickey).\n");
        var clock = Stopwatch.StartNew();
        var result = ExplainHelper.OfText(text.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.Equal("auth.publickey.not-authorized", result.RootCause());
    }

    [Fact]
    public void Short_lines_after_a_list_are_joined_to_it_only_up_to_a_bound()
    {
        // Each short line makes the list line longer when glued to it, and each glue reads the joined text again.
        var text = new StringBuilder("debug2: KEX algorithms: curve25519-sha256,sntrup761x25519-sha512@openssh.com,diffie-hellman-group14-sha256");
        for (var i = 0; i < 200_000; i++)
        {
            text.Append("\nx");
        }

        var clock = Stopwatch.StartNew();
        var result = ExplainHelper.OfText(text.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.InRange(Assert.Single(result.Inputs).Events.Count, 1, 100);
    }

    [Fact]
    public void Explain_s_fast_client_matcher_finds_what_the_signature_table_finds_on_every_sample_line()
    {
        var lines = Directory.EnumerateFiles(SampleFiles.Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".gz", StringComparison.Ordinal))
            .SelectMany(File.ReadLines)
            .ToList();
        Assert.True(lines.Count > 1000);
        foreach (var line in lines)
        {
            var message = MessageText.Strip(ServerLinePrefix.Split(line).Message);
            var reading = new LineReading(new SourceLine("s", 1, line));
            foreach (var (side, fast) in (ReadOnlySpan<(LogSide, SignatureMatch?)>)[(LogSide.Client, reading.Client), (LogSide.Server, reading.Server)])
            {
                // A line nothing knows is read again through its redaction placeholders (<ip>, x.x.x.x), as LineReading does.
                var table = SignatureTable.Match(message, side)
                    ?? (RedactionPlaceholders.StandIn(message) is { } standIn ? SignatureTable.Match(standIn, side)?.On(message) : null);
                Assert.Equal(table?.Signature.Name, fast?.Signature.Name);
                foreach (var group in table?.Signature.Regex.GetGroupNames() ?? [])
                {
                    Assert.Equal(table!.Group(group), fast!.Group(group));
                }
            }
        }
    }
}
