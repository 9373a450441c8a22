using System.Diagnostics;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>
/// The real OpenSSH client as an oracle: <c>ssh -vvv</c> with an empty config, no agent unless given, no known_hosts
/// (host key not checked), batch mode; it logs in and runs <c>true</c> on a server the test started.
/// </summary>
internal static class RealSsh
{
    /// <param name="knownHosts">A known_hosts file to check the host key against strictly; null: no check.</param>
    public static (int ExitCode, string Log) Run(int port, string user, IEnumerable<string> options, string? knownHosts = null)
    {
        var start = new ProcessStartInfo(ExternalTool.Require("ssh")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-vvv", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=" + (knownHosts is null ? "no" : "yes"),
                     "-o", "UserKnownHostsFile=" + (knownHosts ?? "/dev/null"), "-o", "GlobalKnownHostsFile=/dev/null", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }

        start.ArgumentList.Add(user + "@127.0.0.1");
        start.ArgumentList.Add("true");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            throw new TimeoutException("ssh did not finish");
        }

        _ = stdout.Result;
        return (process.ExitCode, stderr.Result);
    }

    /// <summary>The <c>Server accepts key: ...</c> line of a -v log, or null.</summary>
    public static string? AcceptedKeyLine(string log) =>
        log.Split('\n').FirstOrDefault(l => l.Contains("Server accepts key:", StringComparison.Ordinal))?.Trim();
}
