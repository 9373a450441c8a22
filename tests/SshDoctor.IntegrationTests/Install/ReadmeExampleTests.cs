using System.Globalization;
using System.Text.RegularExpressions;
using SshDoctor.IntegrationTests.Install.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Install;

/// <summary>
/// Every example in README.md, run through each install path — the launcher (./ssh-doctor, the native binary), the
/// installed .deb and the installed dotnet tool (the JIT build) — prints the same and exits the same. Examples that
/// name a server or the machine's own files run against a real sshd on 127.0.0.1 with a config the test writes, and
/// against sample logs and prepared trees; what each one becomes is in <see cref="Examples"/>.
/// </summary>
[Collection(InstalledCopiesCollection.Name)]
public sealed partial class ReadmeExampleTests(InstalledCopies copies)
{
    private const string Syslog = "tests/SshDoctor.Tests/Samples/logs/debian12-openssh-9.2p1-syslog.log";

    /// <summary>README example (as written, comment cut) → the arguments it runs with here, and its standard input.</summary>
    private static readonly Dictionary<string, Func<Lab, (string[] Arguments, string? Input)>> Examples = new(StringComparer.Ordinal)
    {
        ["./ssh-doctor explain examples/strictmodes/client.log examples/strictmodes/server.log"] = _ => (["explain", "examples/strictmodes/client.log", "examples/strictmodes/server.log"], null),
        ["./ssh-doctor diagnose alice@web1"] = lab => ([.. lab.Diagnose, "alice@web1"], null),
        ["./ssh-doctor diagnose -J bastion alice@10.0.0.5 --json"] = lab => ([.. lab.Diagnose, "-J", "bastion", "alice@10.0.0.5", "--json"], null),
        ["./ssh-doctor diagnose --login --with-ssh web1"] = lab => ([.. lab.Diagnose, "--login", "--with-ssh", "web1"], null),
        ["ssh -vvv alice@web1 2>&1 | ./ssh-doctor explain"] = _ => (["explain"], File.ReadAllText(Path.Combine(Checkout.Root, "examples/strictmodes/client.log"))),
        ["./ssh-doctor explain --lang ja examples/jump-refused/client.log"] = _ => (["explain", "--lang", "ja", "examples/jump-refused/client.log"], null),
        ["./ssh-doctor explain hostkey.changed"] = _ => (["explain", "hostkey.changed"], null),
        ["sudo ./ssh-doctor logs"] = _ => (["logs", Syslog], null),
        ["./ssh-doctor logs /var/log/auth.log.2.gz --since 2h --ip 203.0.113.0/24"] = lab => (["logs", lab.GzippedSyslog, "--since", "2h", "--ip", "203.0.113.0/24"], null),
        ["./ssh-doctor logs --events auth.log | jq ."] = _ => (["logs", "--events", Syslog], null),
        ["./ssh-doctor check-local"] = lab => (["check-local", "--home", lab.Home], null),
        ["./ssh-doctor check-local --home /tmp/h"] = lab => (["check-local", "--home", lab.Home], null),
        ["sudo ./ssh-doctor check-server --user alice --client-ip 203.0.113.5"] = lab => (["check-server", "--user", "alice", "--client-ip", "203.0.113.5", "--root", lab.ServerTree, "--fail2ban-socket", lab.Fail2banSocket], null),
        ["./ssh-doctor scan -f hosts.txt"] = lab => (["scan", "-F", lab.SshConfig, "--known-hosts", lab.KnownHosts, "--agent", "none", "--no-history", "-f", lab.HostList], null),
        // The shard runs as written; the shared PostgreSQL history (a server the README only names) is left out here.
        ["./ssh-doctor scan -f hosts.txt --shard 2/4 --run \"$JOB_ID\" --db postgresql://scan@db.internal/history"] = lab => (["scan", "-F", lab.SshConfig, "--known-hosts", lab.KnownHosts, "--agent", "none", "--no-history", "-f", lab.HostList, "--shard", "2/4", "--run", "readme"], null),
        ["./ssh-doctor --version"] = _ => (["--version"], null),
        ["./ssh-doctor version --json"] = _ => (["version", "--json"], null),
        ["./ssh-doctor completion bash"] = _ => (["completion", "bash"], null),
        ["man -l <(./ssh-doctor manpage)"] = _ => (["manpage"], null),

        // The fixes run as plans (--dry-run): each install path must see the same, unchanged files.
        ["./ssh-doctor fix alice@web1"] = lab => (["fix", "--dry-run", .. lab.Diagnose[1..], "--home", lab.Home, "alice@web1"], null),
        ["./ssh-doctor fix hostkey.changed -p 2222 web1 --expect-fingerprint SHA256:…"] = lab => (["fix", "--dry-run", .. lab.Diagnose[1..], "--home", lab.Home, "hostkey.changed", "web1"], null),
        ["./ssh-doctor fix --dry-run"] = lab => (["fix", "--dry-run", "--home", lab.Home], null),
        ["sudo ./ssh-doctor check-server --fix --user alice"] = lab => (["check-server", "--fix", "--dry-run", "--user", "alice", "--root", lab.ServerTree, "--fail2ban-socket", lab.Fail2banSocket], null),
        ["./ssh-doctor undo --list; ./ssh-doctor undo"] = lab => (["undo", "--list", "--home", lab.Home], null),
    };

    [Fact]
    public void Every_readme_example_is_run_by_this_test()
    {
        var written = ReadmeExamples();
        Assert.Equal([], written.Except(Examples.Keys).Order(StringComparer.Ordinal)); // a new example: say here how it runs
        Assert.Equal([], Examples.Keys.Except(written).Order(StringComparer.Ordinal)); // an example the README dropped
    }

    public static TheoryData<string> ExampleNames() => [.. Examples.Keys];

    [Theory]
    [MemberData(nameof(ExampleNames))]
    public async Task Launcher_deb_and_dotnet_tool_print_the_same(string example)
    {
        copies.Require();
        Checkout.RequireFreshNative();
        await using var lab = await Lab.StartAsync(needsServer: example.Contains("diagnose", StringComparison.Ordinal) || example.Contains("web1", StringComparison.Ordinal) || example.Contains("scan", StringComparison.Ordinal));
        var (arguments, input) = Examples[example](lab);

        var launcher = Normalise(Programs.Run(Checkout.Launcher, arguments, lab.Environment, input));
        var deb = Normalise(Programs.Run(copies.DebBinary, arguments, lab.Environment, input));
        var tool = Normalise(Programs.Run(copies.ToolBinary, arguments, lab.Environment, input));

        Assert.True(launcher.Code is 0 or 1, launcher.ToString());
        Assert.Equal(launcher, deb);
        Assert.Equal(launcher, tool);
    }

    private static HashSet<string> ReadmeExamples()
    {
        var examples = new HashSet<string>(StringComparer.Ordinal);
        var inShell = false;
        foreach (var line in File.ReadLines(Path.Combine(Checkout.Root, "README.md")))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inShell = line == "```sh";
                continue;
            }

            var command = Regex.Replace(line, @"\s+# .*$", "").Trim();
            if (inShell && ExampleCommand().IsMatch(command))
            {
                examples.Add(command);
            }
        }

        return examples;
    }

    // What legitimately differs: timings (and the column padding around them), fail2ban-client's own time stamp and
    // pid, and the runtime line of `version` (the tool is the JIT build).
    private static ProgramRun Normalise(ProgramRun run)
    {
        static string Clean(string text)
        {
            text = Milliseconds().Replace(text, " N ms");
            text = Fail2banLogPrefix().Replace(text, "TIME fail2ban [PID]");
            text = ElapsedField().Replace(text, "\"elapsed_ms\": N");
            text = ScanSeconds().Replace(text, ", N s:");
            text = Runtime().Replace(text, "RUNTIME");
            return text;
        }

        return run with { Stdout = Clean(run.Stdout), Stderr = Clean(run.Stderr) };
    }

    [GeneratedRegex(@"(^|\||&&|;)\s*(sudo\s+)?\./ssh-doctor\b|\./ssh-doctor manpage")]
    private static partial Regex ExampleCommand();

    [GeneratedRegex(@" +\d+(\.\d+)? ms\b")]
    private static partial Regex Milliseconds();

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ fail2ban +\[\d+\]")]
    private static partial Regex Fail2banLogPrefix();

    [GeneratedRegex(@", \d+\.\d s:")]
    private static partial Regex ScanSeconds();

    [GeneratedRegex(@"""elapsed_ms"": \d+")]
    private static partial Regex ElapsedField();

    [GeneratedRegex(@"""native"": (true|false)|\((native|JIT), |""runtime"": ""[^""]*""|runtime: \S+ \S+")]
    private static partial Regex Runtime();

    /// <summary>A real sshd on 127.0.0.1 and the files the README's examples point at, made for one example.</summary>
    private sealed class Lab : IAsyncDisposable
    {
        private readonly TempDirectory _directory = new();
        private SshdServer? _server;

        public string Home => _directory.File("home");

        public string ServerTree => _directory.File("server");

        public string GzippedSyslog => _directory.File("auth.log.2.gz");

        /// <summary>No fail2ban answers here: the machine's own fail2ban is not asked.</summary>
        public string Fail2banSocket => _directory.File("fail2ban.sock");

        public string SshConfig => _directory.File("ssh_config");

        public string KnownHosts => _directory.File("known_hosts");

        /// <summary>scan's -f file: the README's web1 and a line it skips.</summary>
        public string HostList => _directory.File("hosts.txt");

        public string[] Diagnose => ["diagnose", "-F", _directory.File("ssh_config"), "--known-hosts", _directory.File("known_hosts"), "--agent", "none"];

        public Dictionary<string, string?> Environment => new() { ["HOME"] = Home, ["SSH_AUTH_SOCK"] = null };

        public static async Task<Lab> StartAsync(bool needsServer)
        {
            var lab = new Lab();
            Directory.CreateDirectory(Path.Combine(lab.Home, ".ssh"));
            await using (var gz = new System.IO.Compression.GZipStream(File.Create(lab.GzippedSyslog), System.IO.Compression.CompressionLevel.Optimal))
            {
                await using var source = File.OpenRead(Path.Combine(Checkout.Root, Syslog));
                await source.CopyToAsync(gz);
            }

            Directory.CreateDirectory(Path.Combine(lab.ServerTree, "etc", "ssh"));
            Directory.CreateDirectory(Path.Combine(lab.ServerTree, "home", "alice", ".ssh"));
            await File.WriteAllTextAsync(Path.Combine(lab.ServerTree, "etc", "ssh", "sshd_config"), "Port 22\nPasswordAuthentication no\n");
            await File.WriteAllTextAsync(Path.Combine(lab.ServerTree, "etc", "passwd"), "root:x:0:0:root:/root:/bin/bash\nalice:x:4242:4242::/home/alice:/bin/bash\n");
            await File.WriteAllTextAsync(Path.Combine(lab.ServerTree, "etc", "group"), "root:x:0:\nalice:x:4242:\n");
            await File.WriteAllTextAsync(Path.Combine(lab.ServerTree, "home", "alice", ".ssh", "authorized_keys"), TestKeys.PublicKeyLine("ed25519") + "\n");
            if (needsServer)
            {
                // The jump example asks the bastion for a channel to 10.0.0.5, which the config maps to 127.0.0.1:
                // PermitOpen keeps the server from opening anything else.
                lab._server = await SshdServer.StartAsync(["PermitOpen 127.0.0.1:*"], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("ed25519") + "\n" });
                await lab.WriteClientFilesAsync(lab._server.Port);
            }

            return lab;
        }

        public async ValueTask DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }

            _directory.Dispose();
        }

        private async Task WriteClientFilesAsync(int port)
        {
            var p = port.ToString(CultureInfo.InvariantCulture);
            await File.WriteAllTextAsync(_directory.File("ssh_config"), $"""
                Host web1 bastion 10.0.0.5
                    HostName 127.0.0.1
                    Port {p}
                Host web1 bastion
                    User root
                Host *
                    IdentityFile {TestKeys.PrivateKeyPath("ed25519")}
                    IdentitiesOnly yes
                    UserKnownHostsFile {_directory.File("known_hosts")}
                    StrictHostKeyChecking yes
                    BatchMode yes

                """);
            var knownHosts = string.Join('\n', ((string[])["ed25519", "ecdsa256", "rsa"]).Select(k => $"[127.0.0.1]:{p} {TestKeys.PublicKeyLine(k)}"));
            await File.WriteAllTextAsync(_directory.File("known_hosts"), knownHosts + "\n");
            await File.WriteAllTextAsync(HostList, "# the fleet\nweb1\nnot a destination\n");
        }
    }
}
