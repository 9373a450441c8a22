using System.Globalization;
using System.Text.RegularExpressions;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Fixes;

/// <summary>
/// The host key fix writes two files (known_hosts without the stale entry and with the verified key, and known_hosts.old
/// as ssh-keygen -R keeps it). The CLI is killed with SIGKILL at every step of that apply (CrashPoint) against a real
/// sshd: each of the two files is then its old or its new version (or still absent), never a mix, and <c>undo</c> gives
/// back the original bytes or says there was nothing to undo.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class HostKeyCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_kill_at_any_step_of_the_host_key_fix_leaves_each_file_old_or_new_and_undo_restores()
    {
        using var key = new TempDirectory();
        var identity = key.File("id_ed25519");
        ExternalTool.Run("ssh-keygen", ["-t", "ed25519", "-N", "", "-q", "-f", identity]);
        await using var server = await SshdServer.StartAsync(["HostKeyAlgorithms ssh-ed25519"], new Dictionary<string, string> { ["root"] = File.ReadAllText(identity + ".pub") });
        var stale = key.File("stale");
        ExternalTool.Run("ssh-keygen", ["-t", "ed25519", "-N", "", "-q", "-f", stale]);
        var original = $"# kept\r\n[127.0.0.1]:{server.Port} {File.ReadAllText(stale + ".pub").Trim()}\r\n@cert-authority *.test {TestKeys.PublicKeyLine("rsa")}\r\nother.test {TestKeys.PublicKeyLine("rsa")}";
        var fingerprint = TestKeys.KeygenFingerprint("ed25519");

        string[] steps;
        byte[] fixedKnownHosts;
        using (var traced = new Home(identity, original))
        {
            var trace = traced.Path("trace");
            var full = await FixAsync(traced, server, fingerprint, ("SSH_DOCTOR_TEST_CRASH_TRACE", trace));
            Assert.True(full.Code == 0, full.Stdout + full.Stderr);
            fixedKnownHosts = File.ReadAllBytes(traced.KnownHosts);
            Assert.Equal(original, File.ReadAllText(traced.KnownHosts + ".old"));
            steps = File.ReadAllLines(trace);
        }

        Assert.True(steps.Count(s => s.Contains("rename", StringComparison.Ordinal)) >= 2, string.Join('\n', steps));
        var table = new List<string>();
        for (var n = 1; n <= steps.Length; n++)
        {
            using var home = new Home(identity, original);
            var killed = await FixAsync(home, server, fingerprint, ("SSH_DOCTOR_TEST_CRASH_AT", n.ToString(CultureInfo.InvariantCulture)));
            Assert.True(killed.Code == 137, $"step {n} ({steps[n - 1]}): the run was not killed (exit {killed.Code})\n{killed.Stderr}");

            var knownHosts = File.ReadAllBytes(home.KnownHosts);
            var state = knownHosts.AsSpan().SequenceEqual(System.Text.Encoding.UTF8.GetBytes(original)) ? "old" : knownHosts.AsSpan().SequenceEqual(fixedKnownHosts) ? "new" : null;
            Assert.True(state is not null, $"step {n} ({steps[n - 1]}): known_hosts is neither the old nor the new version:\n{System.Text.Encoding.UTF8.GetString(knownHosts)}");
            var old = home.KnownHosts + ".old";
            var oldState = !File.Exists(old) ? "absent" : File.ReadAllText(old) == original ? "new" : null;
            Assert.True(oldState is not null, $"step {n} ({steps[n - 1]}): known_hosts.old is a mix");

            var undo = await DoctorProcess.RunAsync(["undo", "--home", home.Root], home.Environment());
            Assert.True(undo.Code == 0 || (undo.Code == 2 && undo.Stdout.Contains("No fix to undo", StringComparison.Ordinal)), $"step {n}: undo said {undo.Code} {undo.Stdout}{undo.Stderr}");
            Assert.True(home.IsOriginal(original), $"step {n} ({steps[n - 1]}): after undo (exit {undo.Code}: {undo.Stdout}{undo.Stderr}) the files are not the original ones");
            Assert.Empty(Directory.GetFiles(home.Ssh, ".*.tmp"));
            var step = Id().Replace(Home.Paths().Replace(steps[n - 1][(steps[n - 1].IndexOf(' ', StringComparison.Ordinal) + 1)..], "HOME"), "ID");
            table.Add($"{n,2} {step,-70} known_hosts {state}, known_hosts.old {oldState}; undo exit {undo.Code}: restored");
        }

        output.WriteLine($"{steps.Length} crash points of the host key fix, each killed with SIGKILL:");
        foreach (var line in table)
        {
            output.WriteLine(line);
        }
    }

    private static Task<(int Code, string Stdout, string Stderr)> FixAsync(Home home, SshdServer server, string fingerprint, (string Name, string Value) variable)
    {
        var environment = home.Environment();
        environment[variable.Name] = variable.Value;
        return DoctorProcess.RunAsync(["fix", "hostkey.changed", "root@127.0.0.1", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-F", home.Config, "--agent", "none", "--home", home.Root, "--yes", "--expect-fingerprint", fingerprint], environment);
    }

    [GeneratedRegex(@"\d{8}T\d{6}Z-[0-9a-f]{6}")]
    private static partial Regex Id();

    /// <summary>A temporary home: ~/.ssh with the key, a config, the given known_hosts (and no known_hosts.old).</summary>
    private sealed partial class Home : IDisposable
    {
        private readonly TempDirectory _dir = new();

        public Home(string identity, string knownHosts)
        {
            Directory.CreateDirectory(Ssh);
            File.SetUnixFileMode(Ssh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.WriteAllText(KnownHosts, knownHosts);
            File.WriteAllText(Config, $"Host *\n    UserKnownHostsFile {KnownHosts}\n    GlobalKnownHostsFile /dev/null\n    StrictHostKeyChecking yes\n    PasswordAuthentication no\n    KbdInteractiveAuthentication no\n    IdentityAgent none\n    IdentityFile {identity}\n    IdentitiesOnly yes\n");
            File.SetUnixFileMode(Config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        public string Root => _dir.Path;

        public string Ssh => _dir.File(".ssh");

        public string KnownHosts => System.IO.Path.Combine(Ssh, "known_hosts");

        public string Config => System.IO.Path.Combine(Ssh, "config");

        public string Path(string name) => _dir.File(name);

        public Dictionary<string, string?> Environment() => new() { ["XDG_STATE_HOME"] = _dir.File("state"), ["SSH_AUTH_SOCK"] = null, ["NO_COLOR"] = "1" };

        public bool IsOriginal(string knownHosts) => File.ReadAllText(KnownHosts) == knownHosts && !File.Exists(KnownHosts + ".old");

        public void Dispose() => _dir.Dispose();

        [GeneratedRegex(@"/\S*/\.ssh")]
        public static partial Regex Paths();
    }
}
