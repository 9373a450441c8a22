using System.Text.RegularExpressions;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>
/// Issue 15: with --lang ja every word diagnose writes itself is Japanese — stage details, key verdicts, key details —
/// in real runs against a real sshd. Values (addresses, algorithms, fingerprints, paths) and what the server sent stay
/// as they are, so the test looks for diagnose's own English phrases only. Evidence lines (what the probe saw) are
/// still English: not covered here.
/// </summary>
public sealed partial class JapaneseDiagnoseOutputTests
{
    /// <summary>English phrases diagnose's own output used to print in Japanese mode.</summary>
    private static readonly string[] EnglishPhrases =
    [
        "connected to", "→ rejected", "→ accepted", "→ not-offered", "connection 1", "not encrypted", "round trip",
        "strict kex", "your client", "is not in known_hosts", "ssh will ask", "strict checking", "matches ",
        "key accepted", "keys rejected", "none accepted", "no key to offer", "not checked", "use --login",
        "for root, PermitRootLogin", "no TCP connection", "connect to ", "is only checked",
    ];

    [Fact]
    public async Task Real_runs_print_no_english_phrase_of_diagnoses_own()
    {
        await using var server = await SshdServer.StartAsync([], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("ed25519") + "\n" });
        using var harness = new ProbeHarness();
        var port = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] common = ["--lang", "ja", "diagnose", "-F", harness.ConfigFile, "--agent", "none", "--known-hosts", harness.KnownHostsFile, "-p", port];

        var outputs = new List<string>
        {
            // Accepted key, unknown host key that ssh asks about.
            await RunAsync([.. common, "-i", TestKeys.PrivateKeyPath("ed25519"), "root@127.0.0.1"]),

            // Every key refused, strict host key checking.
            await RunAsync([.. common, "-o", "StrictHostKeyChecking=yes", "-i", TestKeys.PrivateKeyPath("rsa"), "-i", TestKeys.PrivateKeyPath("ecdsa256"), "root@127.0.0.1"]),
        };
        await File.WriteAllTextAsync(harness.KnownHostsFile, string.Concat(new[] { "ed25519", "rsa", "ecdsa256" }.Select(k => $"[127.0.0.1]:{port} {TestKeys.PublicKeyLine(k)}\n")), TestContext.Current.CancellationToken);

        // A known host key; then a port nothing listens on.
        outputs.Add(await RunAsync([.. common, "-i", TestKeys.PrivateKeyPath("rsa"), "root@127.0.0.1"]));
        outputs.Add(await RunAsync(["--lang", "ja", "diagnose", "-F", harness.ConfigFile, "--agent", "none", "--known-hosts", harness.KnownHostsFile, "-p", "1", "root@127.0.0.1"]));

        foreach (var output in outputs)
        {
            Assert.Contains("診断中", output, StringComparison.Ordinal);

            // The stage lines and the key list, before the first diagnosis (whose evidence quotes what was seen).
            var own = string.Join('\n', output.Split('\n').TakeWhile(l => !l.StartsWith('✗') && !l.StartsWith('✓') && !l.StartsWith('ℹ')));
            foreach (var phrase in EnglishPhrases)
            {
                Assert.False(own.Contains(phrase, StringComparison.Ordinal), $"'{phrase}' in:\n{output}");
            }

            // Outside values and quoted server text, no line is a run of plain English words.
            foreach (var line in own.Split('\n'))
            {
                Assert.False(EnglishSentence().IsMatch(line), $"English words in: {line}\n{output}");
            }
        }
    }

    /// <summary>Four or more lower-case English words in a row (values are not words like that; quoted text is excluded).</summary>
    [GeneratedRegex(@"(?<!['""(])\b[a-z]{2,}(?: [a-z]{2,}){3,}\b(?![^'""]*['""])")]
    private static partial Regex EnglishSentence();

    /// <summary>The CLI as a user runs it (<see cref="DoctorProcess"/>): what it wrote, standard output then error.</summary>
    private static async Task<string> RunAsync(params string[] arguments)
    {
        var (_, stdout, stderr) = await DoctorProcess.RunAsync(arguments);
        return stdout + stderr;
    }
}
