using System.Diagnostics;
using System.Net.Sockets;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>A real ssh-agent on a private socket, killed by its pid on dispose.</summary>
internal sealed class TestAgent : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _directory;

    private TestAgent(Process process, TempDirectory directory, string socket)
    {
        _process = process;
        _directory = directory;
        Socket = socket;
    }

    public string Socket { get; }

    /// <summary>Starts an agent holding the shared test keys of <paramref name="keyKinds"/> and the key files in <paramref name="keyFiles"/> (ssh-add adds <c>FILE-cert.pub</c> too).</summary>
    public static async Task<TestAgent> StartAsync(IEnumerable<string> keyKinds, IEnumerable<string>? keyFiles = null)
    {
        var directory = new TempDirectory();
        var socket = directory.File("agent.sock");
        var process = Process.Start(new ProcessStartInfo(ExternalTool.Require("ssh-agent"))
        {
            ArgumentList = { "-a", socket, "-D" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var agent = new TestAgent(process, directory, socket);

        // ssh-agent binds (the file appears) before it listens: an ssh-add in between is refused.
        var started = Stopwatch.GetTimestamp();
        while (!Accepts(socket))
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(5))
            {
                await agent.DisposeAsync();
                throw new TimeoutException("ssh-agent did not accept a connection on its socket");
            }

            await Task.Delay(20);
        }

        var environment = new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = socket };
        foreach (var kind in keyKinds)
        {
            ExternalTool.RunWithEnvironment("ssh-add", environment, "-q", TestKeys.PrivateKeyPath(kind));
        }

        foreach (var file in keyFiles ?? [])
        {
            ExternalTool.RunWithEnvironment("ssh-add", environment, "-q", file);
        }

        return agent;
    }

    private static bool Accepts(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _directory.Dispose();
    }
}
