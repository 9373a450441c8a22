using System.Diagnostics;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>
/// A private network namespace with its own loopback and iptables, so DROP and RST rules never touch the machine's
/// firewall. Needs root and iproute2/iptables: skipped locally without them, failed under CI=true.
/// </summary>
internal sealed class NetworkNamespace : IAsyncDisposable
{
    private readonly List<Process> _processes = [];

    private NetworkNamespace(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public static NetworkNamespace Create()
    {
        ExternalTool.Require("ip");
        ExternalTool.Require("iptables");
        if (Environment.UserName != "root")
        {
            if (ExternalTool.OnCi)
            {
                Assert.Fail("network namespace tests need root");
            }

            Assert.Skip("network namespace tests need root");
        }

        var name = $"sshdoc-probe-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
        ExternalTool.Run("ip", "netns", "add", name);
        ExternalTool.Run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
        return new NetworkNamespace(name);
    }

    public void Run(params string[] command) => ExternalTool.Run("ip", ["netns", "exec", Name, .. command]);

    /// <summary>Starts a long-running process inside the namespace; it is killed by its pid on dispose.</summary>
    public Process Start(params string[] command)
    {
        var start = new ProcessStartInfo(ExternalTool.Require("ip")) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["netns", "exec", Name, .. command])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        _processes.Add(process);
        return process;
    }

    /// <summary>
    /// Starts the ssh-doctor CLI inside the namespace and returns it running (stdout and stderr redirected, NO_COLOR set):
    /// its pid is ssh-doctor's own (<c>ip netns exec</c> execs it), for a test that signals it. Killed on dispose.
    /// </summary>
    public Process StartDoctor(string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var cli = typeof(SshDoctor.Cli.ExitCodes).Assembly.Location;
        var start = new ProcessStartInfo(ExternalTool.Require("ip")) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["netns", "exec", Name, "dotnet", cli, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        _processes.Add(process);
        return process;
    }

    /// <summary>Runs the ssh-doctor CLI inside the namespace and returns its stdout (JSON with --json).</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunDoctorAsync(params string[] arguments)
    {
        var cli = typeof(SshDoctor.Cli.ExitCodes).Assembly.Location;
        var start = new ProcessStartInfo(ExternalTool.Require("ip")) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["netns", "exec", Name, "dotnet", cli, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        ExternalTool.TryRun("ip", "netns", "del", Name);
    }
}
