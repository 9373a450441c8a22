using System.Diagnostics;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Scan.Infrastructure;

/// <summary>
/// The scan tests' small fleet in a network namespace of its own: real sshd processes on several addresses and ports
/// (<c>a</c> Ed25519 on 127.0.0.1:2201, <c>b</c> ECDSA on 127.0.0.2:2201, <c>c</c> Ed25519 on 127.0.0.3:2202, <c>legacy</c>
/// offering only diffie-hellman-group1-sha1 and aes128-cbc on 127.0.0.4:2203), a refused port (127.0.0.5:2204) and a
/// silently dropped one (127.0.0.6:2205). Any server can be given a new host key between two scans. Needs root: fails
/// under CI=true otherwise. Every process is killed by its pid on dispose.
/// </summary>
internal sealed class LabFleet : IAsyncDisposable
{
    public const string Refused = "127.0.0.5:2204";
    public const string Dropped = "127.0.0.6:2205";

    private static readonly (string Name, string Address, int Port, string KeyType, string Extra)[] Servers =
    [
        ("a", "127.0.0.1", 2201, "ed25519", ""),
        ("b", "127.0.0.2", 2201, "ecdsa", ""),
        ("c", "127.0.0.3", 2202, "ed25519", ""),
        ("legacy", "127.0.0.4", 2203, "ed25519", "KexAlgorithms diffie-hellman-group1-sha1\nCiphers aes128-cbc\n"),
    ];

    private readonly Dictionary<string, Process> _running = new(StringComparer.Ordinal);

    private LabFleet(NetworkNamespace ns, TempDirectory directory)
    {
        Namespace = ns;
        Directory = directory;
    }

    public NetworkNamespace Namespace { get; }

    public TempDirectory Directory { get; }

    /// <summary>The servers that answer, as destinations.</summary>
    public static IReadOnlyList<string> Answering { get; } = [.. Servers.Select(s => $"{s.Address}:{s.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}")];

    /// <summary>Every destination of the fleet, answering or not.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Answering, Refused, Dropped];

    /// <summary>The per-host options every scan of the fleet uses: no user config or agent, a private known_hosts.</summary>
    public string[] Options => ["-F", "/dev/null", "--agent", "none", "--known-hosts", Directory.File("known_hosts"), "--timeout", "2", "-l", "root"];

    public static async Task<LabFleet> StartAsync(CancellationToken cancellationToken)
    {
        var ns = NetworkNamespace.Create();
        var fleet = new LabFleet(ns, new TempDirectory());
        System.IO.Directory.CreateDirectory("/run/sshd");
        foreach (var server in Servers)
        {
            fleet.Start(server.Name);
        }

        ns.Run("iptables", "-A", "INPUT", "-p", "tcp", "-d", "127.0.0.6", "--dport", "2205", "-j", "DROP");
        await Task.Delay(500, cancellationToken);
        return fleet;
    }

    /// <summary>Stops one server, gives it a new host key of its type, and starts it again.</summary>
    public async Task NewHostKeyAsync(string name, CancellationToken cancellationToken)
    {
        var process = _running[name];
        process.Kill();
        await process.WaitForExitAsync(cancellationToken);
        File.Delete(KeyPath(name));
        Start(name);
        await Task.Delay(500, cancellationToken);
    }

    public Task<(int ExitCode, string Stdout, string Stderr)> RunDoctorAsync(params string[] arguments) => Namespace.RunDoctorAsync(arguments);

    public async ValueTask DisposeAsync()
    {
        await Namespace.DisposeAsync();
        Directory.Dispose();
    }

    private string KeyPath(string name) => Directory.File("key-" + name);

    private void Start(string name)
    {
        var server = Servers.Single(s => s.Name == name);
        var key = KeyPath(name);
        if (!File.Exists(key))
        {
            File.Delete(key + ".pub");
            ExternalTool.Run("ssh-keygen", "-q", "-t", server.KeyType, "-N", "", "-f", key);
        }

        var config = Directory.File(name + ".conf");
        File.WriteAllText(config, $"{server.Extra}Port {server.Port}\nListenAddress {server.Address}\nHostKey {key}\nPidFile {Directory.File(name + ".pid")}\nUsePAM no\n");
        _running[name] = Namespace.Start(ExternalTool.Require("sshd"), "-D", "-e", "-f", config);
    }
}
