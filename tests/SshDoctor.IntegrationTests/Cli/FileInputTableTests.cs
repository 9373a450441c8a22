using System.Net.Sockets;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Cli;

/// <summary>
/// Every file-reading command over every hostile input kind (issue 18): the real CLI as a child process, with a
/// temporary --home, --root or explicit paths, never the machine's ~/.ssh or /etc/ssh. Each run must end with a report
/// or a clear exit 2 (0, 1 or 2; never 3), within a generous wall-time bound, under 300 MB of peak RSS for ssh-doctor
/// and for anything it started, and leave no process behind. The diagnose runs probe a real sshd on loopback.
/// </summary>
public sealed class FileInputTableTests(FileInputTableTests.Server server) : IClassFixture<FileInputTableTests.Server>
{
    private const long MaxRssKb = 300 * 1024;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    /// <summary>The kinds of file every file option is tried with.</summary>
    private static readonly string[] Kinds = ["fifo", "directory", "socket", "/dev/zero", "/dev/urandom", "unreadable", "symlink-loop"];

    /// <summary>The config shapes tried for ~/.ssh/config and sshd_config.</summary>
    private static readonly string[] Shapes = ["100k-lines", "include-loop", "include-glob-10k", "include-fanout-20"];

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var file in (string[])["config", "known_hosts", "id_ed25519.pub", "id_ed25519-cert.pub", "id_ed25519"])
        {
            foreach (var kind in Kinds)
            {
                cases.Add("check-local", $"~/.ssh/{file} {kind}");
            }
        }

        foreach (var shape in Shapes)
        {
            cases.Add("check-local", $"~/.ssh/config {shape}");
            cases.Add("check-server", $"sshd_config {shape}");
        }

        cases.Add("check-local", "~/.ssh/known_hosts 1 GB sparse");
        cases.Add("check-local", "~/.ssh symlink loop");
        cases.Add("check-local", "/etc/passwd fifo");
        foreach (var kind in Kinds)
        {
            cases.Add("check-server", $"sshd_config {kind}");
        }

        foreach (var file in (string[])["/etc/passwd", "/home/alice/.ssh/authorized_keys", "/etc/hosts.deny", "/etc/shells", "/proc/net/tcp", "/etc/ssh/sshd_config.d/x.conf"])
        {
            cases.Add("check-server", $"{file} fifo");
        }

        foreach (var option in (string[])["--known-hosts", "-i", "-F"])
        {
            foreach (var kind in Kinds)
            {
                cases.Add("diagnose", $"{option} {kind}");
            }
        }

        cases.Add("diagnose", "--known-hosts 1 GB sparse");
        cases.Add("diagnose", "--known-hosts 100 MB hashed");
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ends_with_a_report_or_exit_2_in_bounded_time_and_memory_leaving_nothing_behind(string command, string input)
    {
        using var dir = new TempDirectory();
        var (arguments, unreadable) = command switch
        {
            "check-local" => CheckLocal(dir.Path, input),
            "check-server" => CheckServer(dir.Path, input),
            _ => Diagnose(dir.Path, input),
        };
        if (unreadable && SshDoctor.Audit.NativeUnix.GetUid() == 0)
        {
            Shell.Require(Shell.Has("setpriv"), "setpriv (util-linux) is needed to read as root without CAP_DAC_OVERRIDE");
        }

        var run = WatchedCli.Run(arguments, Deadline, new Dictionary<string, string> { ["HOME"] = Path.Combine(dir.Path, "home") }, dir.Path, withoutDacOverride: unreadable);

        Assert.True(run.ExitCode is 0 or 1 or 2, $"{command} {input}: {run}");
        Assert.True(run.PeakRssKb < MaxRssKb && run.ChildPeakRssKb < MaxRssKb, $"{command} {input}: {run}");
        Assert.Empty(run.Survivors);
        Assert.DoesNotContain("internal error", run.Stderr, StringComparison.Ordinal);
        if (run.ExitCode == 2)
        {
            Assert.True(run.Stderr.StartsWith("ssh-doctor: ", StringComparison.Ordinal) && run.Stderr.Trim().Split('\n').Length == 1, $"{command} {input}: {run}");
        }
        else
        {
            Assert.Contains("\"schema\": \"ssh-doctor/1\"", run.Stdout, StringComparison.Ordinal);
        }
    }

    /// <summary>A home with a key pair in ~/.ssh, then the input in place of one file.</summary>
    private static (string[] Arguments, bool Unreadable) CheckLocal(string dir, string input)
    {
        var home = Path.Combine(dir, "home");
        var ssh = Path.Combine(home, ".ssh");
        Directory.CreateDirectory(ssh);
        Shell.Run($"chmod 700 {ssh} && ssh-keygen -q -t ed25519 -N '' -C me -f {ssh}/id_ed25519");
        if (input == "/etc/passwd fifo")
        {
            var tree = Path.Combine(dir, "tree");
            Directory.CreateDirectory(Path.Combine(tree, "etc"));
            Directory.CreateDirectory(Path.Combine(tree, "home", "u", ".ssh"));
            Shell.Run($"mkfifo {tree}/etc/passwd");
            return (["check-local", "--json", "--root", tree, "--home", "/home/u"], false);
        }

        if (input == "~/.ssh symlink loop")
        {
            Directory.Delete(ssh, recursive: true);
            File.CreateSymbolicLink(ssh, ssh + ".loop");
            File.CreateSymbolicLink(ssh + ".loop", ssh);
            return (["check-local", "--json", "--home", home], false);
        }

        var (file, kind) = Split(input["~/.ssh/".Length..]);
        var path = Path.Combine(ssh, file);
        File.Delete(path);
        var unreadable = kind switch
        {
            "1 GB sparse" => Sparse(path, 1L << 30),
            _ when Shapes.Contains(kind) => Shape(kind, path, Path.Combine(ssh, "inc"), "Host", prefix: string.Empty),
            _ => Make(kind, path),
        };
        return (["check-local", "--json", "--home", home], unreadable);
    }

    /// <summary>A tree with a user alice (shell, home, authorized_keys) and an sshd_config, then the input in place of one file.</summary>
    private static (string[] Arguments, bool Unreadable) CheckServer(string dir, string input)
    {
        var tree = Path.Combine(dir, "tree");
        Write(tree + "/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n");
        Write(tree + "/etc/group", "root:x:0:\nalice:x:1000:\n");
        Write(tree + "/bin/bash", "#!/bin/true\n");
        Write(tree + "/home/alice/.ssh/authorized_keys", Key + "\n");
        Write(tree + "/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPort 22\n");
        Write(tree + "/proc/net/tcp", string.Empty);
        Shell.Run($"chmod 755 {tree}/bin/bash");
        var (file, kind) = Split(input);
        var server = file == "sshd_config" ? "/etc/ssh/sshd_config" : file;
        var path = tree + server;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        var unreadable = Shapes.Contains(kind)
            ? Shape(kind, path, tree + "/etc/ssh/inc", "Match User", prefix: tree)
            : Make(kind, path);
        return (["check-server", "--json", "--root", tree, "--user", "alice", "--client-ip", "192.0.2.1"], unreadable);
    }

    /// <summary>diagnose of the fixture's sshd with the input as -F, -i or --known-hosts (the rest hermetic: empty config, no agent).</summary>
    private (string[] Arguments, bool Unreadable) Diagnose(string dir, string input)
    {
        Directory.CreateDirectory(Path.Combine(dir, "home", ".ssh"));
        var (option, kind) = Split(input);
        var path = Path.Combine(dir, "input");
        var unreadable = kind switch
        {
            "1 GB sparse" => Sparse(path, 1L << 30),
            "100 MB hashed" => Hashed(path, 100L << 20),
            _ => Make(kind, path),
        };
        var config = Path.Combine(dir, "ssh_config");
        var knownHosts = Path.Combine(dir, "known_hosts");
        File.WriteAllText(config, string.Empty);
        File.WriteAllText(knownHosts, string.Empty);
        var port = server.Sshd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        List<string> arguments = ["diagnose", "--json", "--agent", "none", "--timeout", "10", "-p", port,
            "-F", option == "-F" ? path : config, "--known-hosts", option == "--known-hosts" ? path : knownHosts];
        if (option == "-i")
        {
            arguments.AddRange(["-i", path]);
        }

        arguments.Add("root@127.0.0.1");
        return ([.. arguments], unreadable);
    }

    /// <summary>Makes <paramref name="path"/> the kind asked for; true when the run must not bypass file permissions.</summary>
    private static bool Make(string kind, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        switch (kind)
        {
            case "fifo":
                Shell.Run($"mkfifo {path}");
                return false;
            case "directory":
                Directory.CreateDirectory(path);
                return false;
            case "socket":
                // Bound, then closed: the socket file stays, nothing listens (as a stale agent socket).
                using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
                {
                    socket.Bind(new UnixDomainSocketEndPoint(path));
                }

                return false;
            case "/dev/zero" or "/dev/urandom":
                File.CreateSymbolicLink(path, kind);
                return false;
            case "unreadable":
                File.WriteAllText(path, "Port 22\n");
                Shell.Run($"chmod 000 {path}");
                return true;
            case "symlink-loop":
                File.CreateSymbolicLink(path, path + ".loop");
                File.CreateSymbolicLink(path + ".loop", path);
                return false;
            default:
                throw new ArgumentException(kind);
        }
    }

    /// <summary>Config shapes; <paramref name="prefix"/> is the tree root that the server's own paths live under.</summary>
    private static bool Shape(string shape, string path, string includes, string block, string prefix)
    {
        string Own(string p) => p[prefix.Length..];
        Directory.CreateDirectory(includes);
        switch (shape)
        {
            case "100k-lines":
                File.WriteAllText(path, string.Concat(Enumerable.Range(0, 50_000).Select(i => $"{block} h{i}\n  Port {(i % 65535) + 1}\n")));
                break;
            case "include-loop":
                File.WriteAllText(path, $"Include {Own(includes)}/a\n");
                File.WriteAllText(includes + "/a", $"Include {Own(includes)}/b\n");
                File.WriteAllText(includes + "/b", $"Include {Own(includes)}/a\n");
                break;
            case "include-glob-10k":
                File.WriteAllText(path, $"Include {Own(includes)}/*.conf\n");
                for (var i = 0; i < 10_000; i++)
                {
                    File.WriteAllText($"{includes}/f{i:00000}.conf", $"{block} x{i}\n  Port 22\n");
                }

                break;
            default:
                File.WriteAllText(path, $"Include {Own(includes)}/*\n");
                for (var i = 0; i < 20; i++)
                {
                    File.WriteAllText($"{includes}/f{i:00}", $"Include {Own(includes)}/*\n");
                }

                break;
        }

        Shell.Run($"chmod -R go-w {Path.GetDirectoryName(path)}");
        return false;
    }

    private static bool Sparse(string path, long size)
    {
        using var file = File.Create(path);
        file.Write(System.Text.Encoding.ASCII.GetBytes("host1 " + Key + "\n"));
        file.SetLength(size);
        return false;
    }

    /// <summary>A known_hosts of hashed lines for other hosts (the shape ssh writes with HashKnownHosts yes).</summary>
    private static bool Hashed(string path, long size)
    {
        var line = System.Text.Encoding.ASCII.GetBytes("|1|Tp9ZhX9UD9q0TSTn6xqegdnjQFw=|Qjj5v3UOHRz/jmli+cvwyDRgB14= " + Key + "\n");
        var block = new byte[line.Length * 4096];
        for (var i = 0; i < 4096; i++)
        {
            line.CopyTo(block, i * line.Length);
        }

        using var file = File.Create(path);
        for (long written = 0; written < size; written += block.Length)
        {
            file.Write(block);
        }

        return false;
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static (string File, string Kind) Split(string input)
    {
        var space = input.IndexOf(' ', StringComparison.Ordinal);
        return (input[..space], input[(space + 1)..]);
    }

    /// <summary>One real sshd on loopback for every diagnose case (root may log in with the test key; nothing else).</summary>
    public sealed class Server : IAsyncLifetime
    {
        private SshdServer? _sshd;

        internal SshdServer Sshd => _sshd ?? throw new InvalidOperationException("sshd did not start");

        public async ValueTask InitializeAsync() => _sshd = await SshdServer.StartAsync([]);

        public async ValueTask DisposeAsync()
        {
            if (_sshd is not null)
            {
                await _sshd.DisposeAsync();
            }
        }
    }
}
